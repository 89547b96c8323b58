/** Preset reasons for viewing a full ID number or phone; "other" takes the person's own words. */
export const UNMASK_REASONS = ['visit', 'contact', 'other'] as const;
export type UnmaskReason = (typeof UNMASK_REASONS)[number];

/** The server's bounds on a reason (unmaskRequestSchema). */
export const REASON_MIN = 2;
export const REASON_MAX = 200;

/**
 * The reason text sent to the server and written to the audit log: the preset's label, or the
 * typed text; undefined while "other" has too little text to count as a reason.
 */
export function unmaskReasonText(
  choice: UnmaskReason,
  otherText: string,
  presetLabel: (reason: Exclude<UnmaskReason, 'other'>) => string,
): string | undefined {
  if (choice !== 'other') return presetLabel(choice);
  const text = otherText.trim();
  return text.length >= REASON_MIN && text.length <= REASON_MAX ? text : undefined;
}
