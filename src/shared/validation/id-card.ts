import { z } from 'zod';
import { cstDay, daysInMonth } from '../time/china-time.ts';

/**
 * PRC resident identity card numbers, GB 11643-1999: 6-digit address code (GB/T 2260), 8-digit
 * birth date, 3-digit sequence whose parity is the gender (odd = male), and an ISO 7064 MOD 11-2
 * check character (0-9 or X). Birth dates before 1900 are refused: no living person has one.
 * Pure functions: no I/O, usable on the server and in the browser.
 */

// Weight of position i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// Province-level prefixes of GB/T 2260, plus 71 (Taiwan) and 81/82/83 used by the residence
// permits for Hong Kong, Macao and Taiwan residents, which follow the same number format.
// biome-ignore format: a compact table reads better than one entry per line
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

const FORMAT = /^\d{17}[\dXx]$/;
const EARLIEST_BIRTH_YEAR = 1900;

export type Gender = 'M' | 'F';

export type IdCardProblem = 'format' | 'area' | 'birthDate' | 'checkDigit';

/** The check character for the first 17 digits. */
export function idCardCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('An ID number body is 17 digits.');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** 'YYYY-MM-DD' if the 8 digits are a real calendar date, otherwise null. */
function calendarDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return null;
  if (d > daysInMonth(y, m)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Why a number is not a valid ID number, or null when it is. `today` bounds the birth date
 * (passed in so that callers and tests control the clock).
 */
export function idCardProblem(value: string, today: Date = new Date()): IdCardProblem | null {
  if (!FORMAT.test(value)) return 'format';
  if (!PROVINCE_PREFIXES.has(value.slice(0, 2))) return 'area';
  const birth = calendarDate(value.slice(6, 14));
  if (!birth || Number(value.slice(6, 10)) < EARLIEST_BIRTH_YEAR || birth > cstDay(today)) return 'birthDate';
  if (idCardCheckDigit(value.slice(0, 17)) !== value[17]?.toUpperCase()) return 'checkDigit';
  return null;
}

export function isValidIdCardNumber(value: string, today: Date = new Date()): boolean {
  return idCardProblem(value, today) === null;
}

/** Upper-cases the check character; the canonical form stored and hashed. */
export function normaliseIdCardNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Birth date as 'YYYY-MM-DD' (the number is assumed valid). */
export function idCardBirthDate(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** Gender from the parity of the sequence code (the number is assumed valid). */
export function idCardGender(value: string): Gender {
  return Number(value[16]) % 2 === 1 ? 'M' : 'F';
}

/** Builds a valid number from its parts; the sequence's parity must match the gender. */
export function buildIdCardNumber(areaCode: string, birthDate: string, sequence: number): string {
  const body = `${areaCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return body + idCardCheckDigit(body);
}

const MESSAGES: Record<IdCardProblem, string> = {
  format: 'An ID number is 17 digits followed by a digit or X.',
  area: 'The ID number does not start with a valid area code.',
  birthDate: 'The ID number does not contain a valid birth date.',
  checkDigit: 'The ID number check digit does not match (mistyped digit?).',
};

/** An 18-character resident ID number; output is trimmed with an upper-case X. */
export const idCardNumberSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = idCardProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: MESSAGES[problem] });
  })
  .transform((value) => value.toUpperCase());
