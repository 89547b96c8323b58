import { describe, expect, it } from 'vitest';
import { codeFormPath, regionFormPath } from './entry-place.ts';

describe("an entry link's place", () => {
  it('reads a pasted QR link, path or code, the way a poster is read by hand', () => {
    const path = '/q/330109-K7M2QX9A';
    expect(codeFormPath(path)).toBe(path);
    expect(codeFormPath(' https://minqing.example.cn/q/330109-k7m2qx9a ')).toBe(path);
    expect(codeFormPath('https://minqing.example.cn/q/330109-K7M2QX9A/?entry=wechat.abc#x')).toBe(path);
    expect(codeFormPath('q/330109-K7M2QX9A')).toBe(path);
    expect(codeFormPath('330109-K7M2QX9O')).toBe('/q/330109-K7M2QX90');
  });

  it('refuses what names no code', () => {
    expect(codeFormPath('')).toBeNull();
    expect(codeFormPath('/q/')).toBeNull();
    expect(codeFormPath('/q/330109-K7M2QX9A/extra')).toBeNull();
    expect(codeFormPath('/report/330109')).toBeNull();
    expect(codeFormPath('https://example.cn/')).toBeNull();
  });

  it("makes a region's form path", () => {
    expect(regionFormPath('0190a0b0-0000-7000-8000-000000000001')).toBe(
      '/report/0190a0b0-0000-7000-8000-000000000001',
    );
  });
});
