/** Masks as shown by default everywhere (docs/specs/trust.md §14): 3301**********1234 and 138****5678. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/**
 * The last four digits of a phone, the part every mask shows: kept in clear beside the ciphertext
 * so the field app can find a household by them (issue 13 §1). Nothing for a missing phone.
 */
export function phoneLastFour(value: string | null | undefined): string | null {
  const digits = value?.replace(/\D/g, '') ?? '';
  return digits.length >= 4 ? digits.slice(-4) : null;
}
