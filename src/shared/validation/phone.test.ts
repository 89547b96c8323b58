import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMobilePhone, mobilePhoneSchema, normaliseMobilePhone } from './phone.ts';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const validMobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), digits(9))
  .map(([second, rest]) => `1${second}${rest}`);

describe('mainland mobile numbers', () => {
  it('accepts known numbers and refuses fixed lines and short numbers', () => {
    expect(isValidMobilePhone('13800138000')).toBe(true);
    expect(isValidMobilePhone('19912345678')).toBe(true);
    expect(isValidMobilePhone('12345678901')).toBe(false);
    expect(isValidMobilePhone('057182345678')).toBe(false);
    expect(isValidMobilePhone('1380013800')).toBe(false);
    expect(isValidMobilePhone('1380013800a')).toBe(false);
  });

  it('validates every generated number, with or without a country code', () => {
    fc.assert(
      fc.property(validMobile, fc.constantFrom('', '+86', '86', '0086', '+86 ', '+86-'), (number, prefix) => {
        expect(isValidMobilePhone(number)).toBe(true);
        expect(normaliseMobilePhone(prefix + number)).toBe(number);
        expect(mobilePhoneSchema.parse(prefix + number)).toBe(number);
      }),
    );
  });

  it('refuses a second digit of 0-2, and wrong lengths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), digits(9), (second, rest) => {
        expect(normaliseMobilePhone(`1${second}${rest}`)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(validMobile, fc.integer({ min: 1, max: 10 }), (number, cut) => {
        expect(isValidMobilePhone(number.slice(0, cut))).toBe(false);
        expect(isValidMobilePhone(number + number.slice(0, cut))).toBe(false);
      }),
    );
  });

  it('schema explains the format', () => {
    const result = mobilePhoneSchema.safeParse('0571-82345678');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/11 digits/);
  });
});
