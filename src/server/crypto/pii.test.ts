import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPiiCipher, generatePiiKey } from './pii.ts';

describe('personal-data cipher', () => {
  const cipher = createPiiCipher(generatePiiKey());

  it('round-trips any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (plain) => {
        expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
      }),
    );
  });

  it('never stores an ID or phone number in clear', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11,18}$/), (plain) => {
        expect(Buffer.from(cipher.encrypt(plain)).includes(Buffer.from(plain, 'utf8'))).toBe(false);
      }),
    );
  });

  it('uses a fresh IV each time but a stable, normalised lookup hash', () => {
    const a = cipher.encrypt('33010919500101002X');
    const b = cipher.encrypt('33010919500101002X');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(
      Buffer.from(cipher.hash('33010919500101002x ')).equals(Buffer.from(cipher.hash('33010919500101002X'))),
    ).toBe(true);
    expect(Buffer.from(cipher.hash('13812345678')).equals(Buffer.from(cipher.hash('13812345679')))).toBe(
      false,
    );
  });

  it('refuses tampered ciphertext and a different key', () => {
    const sealed = Buffer.from(cipher.encrypt('13812345678'));
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
    expect(() => cipher.decrypt(tampered)).toThrow();
    expect(() => createPiiCipher(generatePiiKey()).decrypt(sealed)).toThrow();
    const otherHash = createPiiCipher(generatePiiKey()).hash('13812345678');
    expect(Buffer.from(otherHash).equals(Buffer.from(cipher.hash('13812345678')))).toBe(false);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createPiiCipher(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
