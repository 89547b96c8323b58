import { describe, expect, it } from 'vitest';
import { isPublicCodePath, postersPath, postersRegionId, publicCodeFromPath } from './public-code-path.ts';

describe('QR poster addresses', () => {
  it('read the code of /q/<code> as scanned, and nothing else', () => {
    expect(isPublicCodePath('/q/330109-K7M2QX9A')).toBe(true);
    expect(isPublicCodePath('/queue')).toBe(false);
    expect(publicCodeFromPath('/q/330109-K7M2QX9A')).toBe('330109-K7M2QX9A');
    expect(publicCodeFromPath('/q/330109-k7m2qx9a/')).toBe('330109-k7m2qx9a');
    expect(publicCodeFromPath('/q/')).toBeNull();
    expect(publicCodeFromPath('/q/a/b')).toBeNull();
    expect(publicCodeFromPath('/q/%E0%A4%A')).toBeNull();
  });

  it('name a poster sheet of a region, or of one estate', () => {
    const id = '0192f1a0-0000-7000-8000-000000000001';
    expect(postersPath(id)).toBe(`/regions/${id}/posters`);
    expect(postersPath(id, 'e1')).toBe(`/regions/${id}/posters?estate=e1`);
    expect(postersRegionId(`/regions/${id.toUpperCase()}/posters`)).toBe(id);
    expect(postersRegionId('/regions')).toBeNull();
  });
});
