/**
 * The resident's status page (`/s/<token>`), which renders without signing in. The token's shape is
 * checked by the server only: a malformed one answers the same "not found" as an unknown one.
 */
const STATUS_PATH = /^\/s\/([^/]+)\/?$/;

export const isStatusPagePath = (pathname: string) => pathname === '/s' || pathname.startsWith('/s/');

export function statusPageToken(pathname: string): string | null {
  const raw = STATUS_PATH.exec(pathname)?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
