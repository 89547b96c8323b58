import { z } from 'zod';

/**
 * Unified social credit codes, GB 32100-2015: registration authority (1 char), organisation
 * category (1), administrative division of the registering office (6 digits), subject
 * identifier (9, the old GB 11714 organisation code) and a MOD 31 check character. The charset is
 * the digits and the upper-case letters without I, O, Z, S, V (easily confused with digits).
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// Registration authorities in GB 32100 (1 机构编制 … 9 工商, A 中央军委改革和编制办公室, N 农业, Y 其他).
const AUTHORITIES = '123456789ANY';
const FORMAT = new RegExp(`^[${AUTHORITIES}][${CREDIT_CODE_CHARSET}]\\d{6}[${CREDIT_CODE_CHARSET}]{10}$`);

/** The check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('A credit code body is 17 characters.');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i] as string);
    if (v < 0) throw new Error(`'${first17[i]}' is not in the credit code charset.`);
    sum += v * (WEIGHTS[i] as number);
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31] as string;
}

export function isValidCreditCode(value: string): boolean {
  return FORMAT.test(value) && creditCodeCheckChar(value.slice(0, 17)) === value[17];
}

/**
 * The GB 11714 check character of an 8-character organisation code body (weights 3,7,9,10,5,8,4,2
 * mod 11; 10 is written X). Real subject identifiers carry it; the credit code check does not
 * depend on it, so it is offered for generating realistic codes, not enforced.
 */
export function organisationCodeCheckChar(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55; // '0'-'9' → 0-9, 'A'-'Z' → 10-35
    sum += v * (weights[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** An 18-character unified social credit code; lower case input is upper-cased. */
export const creditCodeSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine(isValidCreditCode, {
    message:
      'A unified social credit code is 18 characters (digits and letters except I, O, Z, S, V) with a valid check character.',
  });
