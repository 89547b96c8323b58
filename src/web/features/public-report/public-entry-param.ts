/**
 * The `entry` parameter of the address the form was opened with (a signed link of another
 * channel, e.g. a WeChat official account's menu), passed on untouched: only the server can tell a
 * signed one from a forged one, and it ignores the latter.
 */
export function entryOfLocation(): string | null {
  if (typeof window === 'undefined') return null;
  const entry = new URLSearchParams(window.location.search).get('entry');
  return entry && entry.length <= 100 ? entry : null;
}
