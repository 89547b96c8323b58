import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicReportSchema } from './case.ts';
import {
  addressWithEstate,
  CASE_ADDRESS_MAX,
  ENTRY_CHANNELS,
  entryParam,
  parseEntryParam,
  publicPhotoSchema,
} from './public-entry.ts';

const signature = fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/);

describe('entry parameters', () => {
  it('reads back every channel and signature it writes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENTRY_CHANNELS), signature, (channel, sig) => {
        expect(parseEntryParam(entryParam(channel, sig))).toEqual({ channel, signature: sig });
      }),
    );
  });

  it('reads nothing from anything else: unknown channels, no signature, junk', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (text) => {
        const parsed = parseEntryParam(text);
        if (parsed) expect(text).toBe(entryParam(parsed.channel, parsed.signature));
      }),
    );
    for (const text of [
      'wechat',
      'wechat.',
      'self_report.AAAAAAAAAAAAAAAAAAAAAA',
      'api.AAAAAAAAAAAAAAAAAAAAAA',
    ])
      expect(parseEntryParam(text)).toBeNull();
  });
});

describe('the address of a report by an estate code', () => {
  it('leads with the estate, keeps what was typed, never exceeds the column', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ minLength: 1, maxLength: 60 }), { nil: null }),
        fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
        (estate, typed) => {
          const address = addressWithEstate(estate, typed);
          if (!estate?.trim() && !typed?.trim()) {
            expect(address).toBeNull();
            return;
          }
          expect([...(address ?? '')].length).toBeLessThanOrEqual(CASE_ADDRESS_MAX);
          if (estate?.trim()) expect(address?.startsWith(estate.trim().slice(0, 10))).toBe(true);
        },
      ),
    );
    expect(addressWithEstate('金桂园', '3幢2单元')).toBe('金桂园 3幢2单元');
    expect(addressWithEstate(null, '3幢')).toBe('3幢');
  });
});

describe('the public report body', () => {
  const base = { kind: 'help', title: '路灯', description: '坏了', phone: '13912345678' };
  it('takes exactly one of regionId and code', () => {
    const regionId = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(publicReportSchema.safeParse({ ...base, regionId }).success).toBe(true);
    expect(publicReportSchema.safeParse({ ...base, code: '330109-K7M2QX9A' }).success).toBe(true);
    expect(publicReportSchema.safeParse({ ...base, regionId, code: '330109-K7M2QX9A' }).success).toBe(false);
    expect(publicReportSchema.safeParse(base).success).toBe(false);
  });

  it('takes photos as base64 only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3, maxLength: 300 }), (bytes) => {
        expect(publicPhotoSchema.safeParse({ data: Buffer.from(bytes).toString('base64') }).success).toBe(
          true,
        );
      }),
    );
    expect(publicPhotoSchema.safeParse({ data: 'not base64!' }).success).toBe(false);
  });
});
