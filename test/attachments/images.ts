import { crc32 } from 'node:zlib';

/**
 * Small real images for the attachment tests (a 16×12 picture drawn and encoded by Chromium), and
 * builders for the metadata a phone camera adds to them.
 */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAIG/8QAIxAAAAQGAgMBAAAAAAAAAAAAAQIFEQMEEhMUFQAGB1KRof/EABUBAQEAAAAAAAAAAAAAAAAAAAQH/8QAHxEAAAYBBQAAAAAAAAAAAAAAABESExQhAgQjUoGx/9oADAMBAAIRAxEAPwC/DHQkvu+42sedg4dm3jHKV663eoo+ofvHmfoSX0jT6qPOxsy9cyTlM1FDNSUPYfzmDSllUSLuqUp2Rutcxo5oVbOz0iDs4/R4VVlUV7W1Up2etPbyY5otDs7VCLOwfA4BWKSKxVIuqmPO7fHovbH/2Q==',
  'base64',
);

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAYAAABr5z2BAAAAQ0lEQVR4AdyQoQ0AIAwEP50AFgHJ/g4kkzAC+BdFtEmTNjlR8395maVdCwLj+QeMs6HBwv4G3PD7Mxqs2qHBm8Rv8AAAAP//Lzx6AwAAAAZJREFUAwDAQzhpkQLT9gAAAABJRU5ErkJggg==',
  'base64',
);

/** A one-page PDF with the end-of-file marker. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** 30°15'30.5"N 120°9'12.25"E, as EXIF stores it: the bytes that must not survive. */
const GPS_LATITUDE = [30, 1, 15, 1, 305, 10];

/**
 * An APP1 segment with an EXIF block holding a GPS position (big-endian TIFF: IFD0 with one
 * GPSInfo pointer, a GPS IFD with the latitude reference and the latitude as three rationals).
 */
export function exifGpsSegment(): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4 + 2 + 24 + 4 + 24);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0: one entry, GPSInfo (0x8825) → the GPS IFD at offset 26.
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22);
  // GPS IFD: GPSLatitudeRef 'N', GPSLatitude (three RATIONALs at offset 56).
  tiff.writeUInt16BE(2, 26);
  tiff.writeUInt16BE(1, 28);
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 36, 'latin1');
  tiff.writeUInt16BE(2, 40);
  tiff.writeUInt16BE(5, 42);
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48);
  tiff.writeUInt32BE(0, 52);
  GPS_LATITUDE.forEach((v, i) => {
    tiff.writeUInt32BE(v, 56 + i * 4);
  });
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** The GPS latitude as it sits in the EXIF block. */
export function gpsBytes(): Buffer {
  const out = Buffer.alloc(24);
  GPS_LATITUDE.forEach((v, i) => {
    out.writeUInt32BE(v, i * 4);
  });
  return out;
}

/** A JPEG segment with a marker and a payload. */
export function jpegSegment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** The photo as a phone would send it: EXIF with GPS and a comment after the JFIF segment. */
export function jpegWithGps(): Buffer {
  const app0End = 4 + JPEG.readUInt16BE(4);
  return Buffer.concat([
    JPEG.subarray(0, app0End),
    exifGpsSegment(),
    jpegSegment(0xfe, Buffer.from('拍摄者 张三 13800138000')),
    JPEG.subarray(app0End),
  ]);
}

/** A PNG chunk with its CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** The PNG with text, EXIF and time chunks after its header. */
export function pngWithMetadata(): Buffer {
  const ihdrEnd = 8 + 12 + PNG.readUInt32BE(8);
  return Buffer.concat([
    PNG.subarray(0, ihdrEnd),
    pngChunk('tEXt', Buffer.from('Comment\0secret-location', 'latin1')),
    pngChunk('iTXt', Buffer.from('Author\0\0\0\0\0secret-author', 'latin1')),
    pngChunk('eXIf', exifGpsSegment().subarray(10)),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 1, 2, 3, 4, 5])),
    PNG.subarray(ihdrEnd),
  ]);
}

/** A 1×1 GIF: a real image of a type cases do not take. */
export const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
