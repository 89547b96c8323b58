import { z } from 'zod';

/**
 * Mainland China mobile numbers: 11 digits starting 13-19. Callers often type the country code,
 * so "+86", "0086" and "86" prefixes, spaces and hyphens are accepted and normalised away; the
 * canonical (stored and hashed) form is the bare 11 digits.
 */
const MOBILE = /^1[3-9]\d{9}$/;

export function isValidMobilePhone(value: string): boolean {
  return MOBILE.test(value);
}

/** The bare 11-digit number, or null when the input is not a mainland mobile number. */
export function normaliseMobilePhone(value: string): string | null {
  let digits = value.trim().replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return MOBILE.test(digits) ? digits : null;
}

/** Accepts an optional +86/86 prefix; outputs the bare 11 digits. */
export const mobilePhoneSchema = z
  .string()
  .refine((value) => normaliseMobilePhone(value) !== null, {
    message: 'A mobile number is 11 digits starting with 13–19 (optionally preceded by +86).',
  })
  .transform((value) => normaliseMobilePhone(value) as string);
