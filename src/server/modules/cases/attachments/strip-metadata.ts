import { crc32 } from 'node:zlib';
import { AppError } from '../../../../shared/errors/app-error.ts';

/**
 * What an attachment may be, decided by its bytes (never by its name or the declared type), and the
 * copy of it that is stored: photos lose the metadata a phone writes into them (GPS position, device,
 * time, comments), so a resident's whereabouts do not travel with a case file.
 */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export interface CleanFile {
  contentType: AttachmentType;
  bytes: Buffer;
}

const refused = (why: string) =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', `Attach a JPEG or PNG photo or a PDF document (${why}).`);

const JPEG_SOI = Buffer.from([0xff, 0xd8]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PDF_HEADER = Buffer.from('%PDF-');

/** The declared type of a file's bytes, or null when it is none of the accepted kinds. */
export function sniffType(bytes: Buffer): AttachmentType | null {
  if (bytes.length >= 3 && bytes.subarray(0, 2).equals(JPEG_SOI) && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).equals(PDF_HEADER)) return 'application/pdf';
  return null;
}

/** Checks the file's structure and returns the copy to store; a damaged file answers 415. */
export function stripMetadata(bytes: Buffer): CleanFile {
  switch (sniffType(bytes)) {
    case 'image/jpeg':
      return { contentType: 'image/jpeg', bytes: stripJpeg(bytes) };
    case 'image/png':
      return { contentType: 'image/png', bytes: stripPng(bytes) };
    case 'application/pdf':
      return { contentType: 'application/pdf', bytes: checkPdf(bytes) };
    default:
      throw refused('unrecognised content');
  }
}

// Markers without a length field: TEM and the restart markers.
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
// Start-of-frame markers (SOF0..SOF15 less DHT, JPG and DAC).
const startOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const ADOBE = Buffer.from('Adobe');

/**
 * Keeps a JPEG's decoding segments and drops APP1..APP15 (EXIF with GPS, XMP, ICC profiles, maker
 * notes, IPTC) and comments, before and between scans. APP0 (JFIF) stays; so does an Adobe APP14
 * segment, a dozen bytes that say how CMYK images are colour-transformed (decoders need it; it holds
 * nothing personal). Scan data is copied as is; the file ends at the end-of-image marker, and bytes
 * after it (where some tools hide data) are dropped.
 */
export function stripJpeg(bytes: Buffer): Buffer {
  const kept: Buffer[] = [JPEG_SOI];
  let pos = 2;
  let frame = false;
  let scanned = false;
  for (;;) {
    if (pos >= bytes.length || bytes[pos] !== 0xff) throw refused('damaged JPEG');
    // Any number of fill bytes may precede a marker.
    while (pos < bytes.length && bytes[pos] === 0xff) pos += 1;
    if (pos >= bytes.length) throw refused('truncated JPEG');
    const marker = bytes[pos] as number;
    const start = pos - 1;
    pos += 1;
    if (marker === 0xd9) {
      if (!scanned) throw refused('JPEG without image data');
      kept.push(bytes.subarray(start, pos));
      return Buffer.concat(kept);
    }
    if (marker === 0x00 || marker === 0xd8) throw refused('damaged JPEG');
    if (standalone(marker)) {
      kept.push(bytes.subarray(start, pos));
      continue;
    }
    if (pos + 2 > bytes.length) throw refused('truncated JPEG');
    const length = bytes.readUInt16BE(pos);
    if (length < 2 || pos + length > bytes.length) throw refused('truncated JPEG');
    const end = pos + length;
    if (startOfFrame(marker)) frame = true;
    const isApp = marker >= 0xe1 && marker <= 0xef;
    const adobe = marker === 0xee && bytes.subarray(pos + 2, pos + 7).equals(ADOBE);
    if ((!isApp || adobe) && marker !== 0xfe) kept.push(bytes.subarray(start, end));
    pos = end;
    if (marker === 0xda) {
      if (!frame) throw refused('JPEG without a frame header');
      scanned = true;
      const next = scanEnd(bytes, pos);
      kept.push(bytes.subarray(pos, next));
      pos = next;
    }
  }
}

/**
 * Where a scan's entropy-coded data ends: at the first marker that is not a stuffed 0xFF00 or a
 * restart marker. Reaching the end of the file first means it was cut off.
 */
function scanEnd(bytes: Buffer, from: number): number {
  let i = from;
  for (;;) {
    i = bytes.indexOf(0xff, i);
    if (i < 0 || i + 1 >= bytes.length) throw refused('truncated JPEG');
    const next = bytes[i + 1] as number;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
    else return i;
  }
}

/** PNG chunks that carry text, EXIF or a timestamp rather than pixels. */
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/**
 * Walks a PNG's chunks (each length, type and CRC checked) and drops the metadata chunks; the
 * image ends at IEND, and bytes after it are dropped.
 */
export function stripPng(bytes: Buffer): Buffer {
  const kept: Buffer[] = [PNG_SIGNATURE];
  let pos = PNG_SIGNATURE.length;
  let first = true;
  let sawData = false;
  for (;;) {
    if (pos + 12 > bytes.length) throw refused('truncated PNG');
    const length = bytes.readUInt32BE(pos);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw refused('truncated PNG');
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw refused('damaged PNG');
    const crc = bytes.readUInt32BE(pos + 8 + length);
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== crc) throw refused('damaged PNG');
    if (first && type !== 'IHDR') throw refused('PNG without a header');
    first = false;
    if (type === 'IDAT') sawData = true;
    if (!PNG_DROPPED.has(type)) kept.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') {
      if (!sawData) throw refused('PNG without image data');
      return Buffer.concat(kept);
    }
  }
}

/**
 * A PDF is stored as sent (its metadata is the author's document's own), but it must look whole:
 * the header and an end-of-file marker near the end, so a truncated upload is refused.
 */
export function checkPdf(bytes: Buffer): Buffer {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  if (!/^%PDF-\d\.\d/.test(bytes.toString('latin1', 0, 8)) || !tail.includes('%%EOF'))
    throw refused('damaged PDF');
  return bytes;
}
