import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  creditCodeSchema,
  isValidCreditCode,
  organisationCodeCheckChar,
} from './credit-code.ts';

const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET);
const validCreditCode = fc
  .tuple(
    fc.constantFrom('1', '5', '9', 'Y'),
    charsetChar,
    fc.integer({ min: 110000, max: 659999 }),
    fc.array(charsetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([authority, category, area, subject]) => {
    const first17 = `${authority}${category}${area}${subject.join('')}`;
    return first17 + creditCodeCheckChar(first17);
  });

describe('unified social credit codes (GB 32100)', () => {
  it('accepts codes printed on real business licences', () => {
    for (const code of [
      '91350100M000100Y43',
      '9144030071526726XG',
      '91330100716105852F',
      '91110000802100433B',
    ]) {
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('refuses a wrong check character, excluded letters and wrong lengths', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
  });

  it('validates every generated code', () => {
    fc.assert(
      fc.property(validCreditCode, (code) => {
        expect(isValidCreditCode(code)).toBe(true);
      }),
    );
  });

  it('rejects any single-character change of a valid code', () => {
    fc.assert(
      fc.property(
        validCreditCode,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...CREDIT_CODE_CHARSET, 'I', 'O', 'Z', 'S', 'V'),
        (code, position, replacement) => {
          fc.pre(code[position] !== replacement);
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(isValidCreditCode(changed)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('computes GB 11714 organisation code check characters', () => {
    // The subject identifiers of the real codes above carry valid organisation code checks.
    expect(organisationCodeCheckChar('71526726')).toBe('X');
    expect(organisationCodeCheckChar('71610585')).toBe('2');
    expect(organisationCodeCheckChar('80210043')).toBe('3');
  });

  it('schema upper-cases and explains', () => {
    expect(creditCodeSchema.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    const result = creditCodeSchema.safeParse('91350100M000100Y44');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/check character/);
  });
});
