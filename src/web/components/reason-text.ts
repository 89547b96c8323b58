/** The preset that takes the person's own words instead of a fixed text. */
export const OTHER_REASON = 'other';

/** The server's bounds on a reason (e.g. unmaskRequestSchema). */
export const REASON_MIN = 2;
export const REASON_MAX = 200;

/**
 * The reason text sent to the server and written to the audit log: the preset's label, or the
 * typed text; undefined while "other" has too little text to count as a reason.
 */
export function reasonText(
  choice: string,
  otherText: string,
  presetLabel: (preset: string) => string,
): string | undefined {
  if (choice !== OTHER_REASON) return presetLabel(choice);
  const text = otherText.trim();
  return text.length >= REASON_MIN && text.length <= REASON_MAX ? text : undefined;
}
