import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  sniffType,
  stripJpeg,
  stripMetadata,
  stripPng,
} from '../../src/server/modules/cases/attachments/strip-metadata.ts';
import { AppError } from '../../src/shared/errors/app-error.ts';
import { gpsBytes, JPEG, jpegSegment, jpegWithGps, PDF, PNG, pngChunk, pngWithMetadata } from './images.ts';

/** The markers of a JPEG up to its first scan, walked independently of the code under test. */
function jpegMarkers(bytes: Buffer): number[] {
  expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  const markers: number[] = [];
  let pos = 2;
  while (pos < bytes.length) {
    expect(bytes[pos]).toBe(0xff);
    const marker = bytes[pos + 1] as number;
    markers.push(marker);
    if (marker === 0xda) break;
    pos += 2 + bytes.readUInt16BE(pos + 2);
  }
  return markers;
}

/** The PNG's chunk types in order. */
function pngChunks(bytes: Buffer): string[] {
  const types: string[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const length = bytes.readUInt32BE(pos);
    types.push(bytes.toString('latin1', pos + 4, pos + 8));
    pos += 12 + length;
  }
  return types;
}

const refusal = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : `unexpected ${String(error)}`;
  }
};

describe('sniffing the type', () => {
  it('recognises JPEG, PNG and PDF by their bytes and nothing else', () => {
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(Buffer.from('GIF89a......'))).toBeNull();
    expect(sniffType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffType(Buffer.from('PK\x03\x04zip', 'latin1'))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
  });
});

describe('stripping a JPEG', () => {
  it('drops the EXIF block with the GPS position and the comment, and keeps every decoding segment', () => {
    const phone = jpegWithGps();
    expect(phone.includes(gpsBytes())).toBe(true);
    expect(jpegMarkers(phone)).toContain(0xe1);
    const clean = stripJpeg(phone);
    expect(clean.includes(gpsBytes())).toBe(false);
    expect(clean.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(clean.includes(Buffer.from('13800138000'))).toBe(false);
    // JFIF stays; the ICC profile (APP2), EXIF (APP1) and comment go; tables and frame stay in order.
    const markers = jpegMarkers(clean);
    expect(markers).toEqual(jpegMarkers(JPEG).filter((m) => m < 0xe1 || m > 0xef));
    expect(markers[0]).toBe(0xe0);
    expect(markers).toEqual(expect.arrayContaining([0xdb, 0xc0, 0xc4, 0xda]));
    // The image data is untouched, and the file still ends at its end-of-image marker.
    const scan = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(scan(clean)).toEqual(scan(JPEG));
    expect(clean.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    // Stripping is stable: a clean file comes out unchanged.
    expect(stripJpeg(clean)).toEqual(clean);
  });

  it('keeps an Adobe APP14 segment (needed for CMYK colours) and drops bytes after the image', () => {
    const adobe = jpegSegment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
    const app0End = 4 + JPEG.readUInt16BE(4);
    const withAdobe = Buffer.concat([
      JPEG.subarray(0, app0End),
      adobe,
      JPEG.subarray(app0End),
      Buffer.from('hidden trailer'),
    ]);
    const clean = stripJpeg(withAdobe);
    expect(clean.includes(adobe)).toBe(true);
    expect(clean.includes(Buffer.from('hidden trailer'))).toBe(false);
  });

  it('refuses truncated and garbled JPEGs with 415, never anything else', () => {
    const phone = jpegWithGps();
    const sos = phone.indexOf(Buffer.from([0xff, 0xda]));
    const cases = [
      phone.subarray(0, 3),
      phone.subarray(0, 30),
      phone.subarray(0, sos + 6),
      phone.subarray(0, phone.length - 2),
      phone.subarray(0, phone.length - 40),
      Buffer.concat([phone.subarray(0, 20), Buffer.from('garbage garbage'), phone.subarray(20)]),
      Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
      Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]),
      Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01]),
      // A scan without a frame header.
      Buffer.concat([
        Buffer.from([0xff, 0xd8]),
        jpegSegment(0xda, Buffer.alloc(10)),
        Buffer.from([0xff, 0xd9]),
      ]),
    ];
    for (const bytes of cases) expect(refusal(() => stripMetadata(bytes))).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('survives random damage: every corrupted copy is either refused with 415 or parses', () => {
    const phone = jpegWithGps();
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const outcomes = new Set<string>();
    for (let round = 0; round < 300; round += 1) {
      const copy = Buffer.from(phone.subarray(0, Math.floor(random() * phone.length)));
      for (let k = 0; k < 3 && copy.length > 0; k += 1)
        copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      outcomes.add(refusal(() => stripMetadata(copy)) ?? 'ok');
    }
    expect([...outcomes].every((o) => o === 'ok' || o === 'UNSUPPORTED_MEDIA_TYPE')).toBe(true);
    expect(outcomes.has('UNSUPPORTED_MEDIA_TYPE')).toBe(true);
  });
});

describe('stripping a PNG', () => {
  it('drops text, EXIF and time chunks and keeps the image, which still inflates to every row', () => {
    const phone = pngWithMetadata();
    expect(pngChunks(phone)).toEqual(expect.arrayContaining(['tEXt', 'iTXt', 'eXIf', 'tIME']));
    const clean = stripPng(phone);
    expect(pngChunks(clean)).toEqual(pngChunks(PNG));
    expect(clean).toEqual(PNG);
    expect(clean.includes(Buffer.from('secret'))).toBe(false);
    expect(clean.includes(gpsBytes())).toBe(false);
    // Decode enough to know the picture survived: IHDR's size, and IDAT inflating to its rows.
    const width = clean.readUInt32BE(16);
    const height = clean.readUInt32BE(20);
    const idat: Buffer[] = [];
    for (let pos = 8; pos < clean.length; pos += 12 + clean.readUInt32BE(pos)) {
      if (clean.toString('latin1', pos + 4, pos + 8) === 'IDAT')
        idat.push(clean.subarray(pos + 8, pos + 8 + clean.readUInt32BE(pos)));
    }
    expect(inflateSync(Buffer.concat(idat)).length).toBe(height * (1 + width * 4));
  });

  it('refuses damaged PNGs: wrong CRC, cut off, no header first, no image data', () => {
    const phone = pngWithMetadata();
    const badCrc = Buffer.from(phone);
    badCrc[30] = (badCrc[30] as number) ^ 0xff;
    const ihdrEnd = 8 + 12 + PNG.readUInt32BE(8);
    const cases = [
      badCrc,
      phone.subarray(0, phone.length - 5),
      phone.subarray(0, 12),
      Buffer.concat([PNG.subarray(0, 8), pngChunk('tEXt', Buffer.from('a\0b')), PNG.subarray(8)]),
      Buffer.concat([PNG.subarray(0, ihdrEnd), pngChunk('IEND', Buffer.alloc(0))]),
    ];
    for (const bytes of cases) expect(refusal(() => stripMetadata(bytes))).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('checking a PDF', () => {
  it('accepts a whole PDF as it is and refuses a truncated one', () => {
    expect(stripMetadata(PDF)).toEqual({ contentType: 'application/pdf', bytes: PDF });
    expect(refusal(() => stripMetadata(PDF.subarray(0, 40)))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(refusal(() => stripMetadata(Buffer.from('%PDF-x%%EOF')))).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
