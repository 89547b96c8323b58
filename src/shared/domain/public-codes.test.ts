import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizePublicCode,
  PUBLIC_CODE_ALPHABET,
  publicCodeDistrict,
  publicCodeFromBytes,
} from './public-codes.ts';

const district = fc.stringMatching(/^\d{6}$/);
const bytes = fc.uint8Array({ minLength: 8, maxLength: 8 });

describe('public codes', () => {
  it('are the district code and 8 Crockford characters, and read back as themselves', () => {
    fc.assert(
      fc.property(district, bytes, (d, b) => {
        const code = publicCodeFromBytes(d, b);
        expect(code).toMatch(/^\d{6}-[0-9A-HJKMNP-TV-Z]{8}$/);
        expect(normalizePublicCode(code)).toBe(code);
        expect(publicCodeDistrict(code)).toBe(d);
      }),
    );
  });

  it('are read the Crockford way when typed: any case, O as 0, I and L as 1, spaces around', () => {
    fc.assert(
      fc.property(district, bytes, (d, b) => {
        const code = publicCodeFromBytes(d, b);
        const typed = ` ${code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')} `;
        expect(normalizePublicCode(typed)).toBe(code);
      }),
    );
  });

  it('refuse anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (text) => {
        const code = normalizePublicCode(text);
        if (code !== null) expect(code).toMatch(/^\d{6}-[0-9A-HJKMNP-TV-Z]{8}$/);
      }),
    );
    for (const bad of [
      '',
      '330109',
      '330109-ABCDEFG',
      '330109-ABCDEFGHJ',
      '33010-ABCDEFGH',
      '330109-UUUUUUUU',
    ])
      expect(normalizePublicCode(bad), bad).toBeNull();
    expect(new Set(PUBLIC_CODE_ALPHABET).size).toBe(32);
  });
});
