import fs from 'node:fs';
import { Readable } from 'node:stream';

/**
 * Re-emits an XLSX (a ZIP archive) as a stream ExcelJS's streaming reader can always parse.
 *
 * ExcelJS reads the archive front to back with unzipper, trusting each entry's local header.
 * Writers that stream (ExcelJS's own WorkbookWriter among them) leave the sizes out of the local
 * header and put them in a data descriptor after the data; unzipper then looks for the
 * descriptor's signature, PK\x07\x08, to find the end of the entry, and when those four bytes
 * occur inside the compressed data by chance (measured: in a 70,000-household sheet) it stops
 * there and the read hangs for ever. The central directory at the end of the file has every
 * size, so we read it first and rewrite each local header with the sizes filled in and no
 * descriptor. We also put the workbook, its relationships, the shared strings and the styles
 * before the worksheets, so that ExcelJS parses the sheet as it streams instead of first
 * spilling it, uncompressed, to a temporary file. The compressed bytes are copied, not inflated.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const ZIP64_MARK = 0xffffffff;
const DATA_DESCRIPTOR_FLAG = 0x0008;

/** A part larger than this uncompressed is refused: a workbook of a district is far below it. */
export const MAX_PART_BYTES = 512 * 1024 * 1024;

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

interface Entry {
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

async function readAt(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new ZipFormatError('The archive is truncated.');
  return buffer;
}

async function readCentralDirectory(handle: fs.promises.FileHandle, fileSize: number): Promise<Entry[]> {
  if (fileSize < EOCD_SIZE) throw new ZipFormatError('The file is not an XLSX (ZIP) archive.');
  const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('The file is not an XLSX (ZIP) archive.');
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === ZIP64_MARK || directorySize === ZIP64_MARK) {
    throw new ZipFormatError('ZIP64 archives are not supported (is the file over 4 GB?).');
  }
  if (directoryOffset + directorySize > fileSize) throw new ZipFormatError('The archive is truncated.');
  const directory = await readAt(handle, directoryOffset, directorySize);
  const entries: Entry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_SIZE > directory.length || directory.readUInt32LE(p) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError('The archive directory is damaged.');
    }
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const nameBytes = Buffer.from(directory.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength));
    const entry: Entry = {
      name: nameBytes.toString('utf8'),
      nameBytes,
      flags: directory.readUInt16LE(p + 8),
      method: directory.readUInt16LE(p + 10),
      time: directory.readUInt16LE(p + 12),
      date: directory.readUInt16LE(p + 14),
      crc: directory.readUInt32LE(p + 16),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localOffset: directory.readUInt32LE(p + 42),
    };
    if (
      entry.compressedSize === ZIP64_MARK ||
      entry.size === ZIP64_MARK ||
      entry.localOffset === ZIP64_MARK
    ) {
      throw new ZipFormatError('ZIP64 archives are not supported (is the file over 4 GB?).');
    }
    if (entry.size > MAX_PART_BYTES) {
      throw new ZipFormatError(`The part ${entry.name} is larger than ${MAX_PART_BYTES} bytes.`);
    }
    entries.push(entry);
    p += CENTRAL_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

// Parts ExcelJS must have seen before it can stream a worksheet; worksheets last.
function rank(name: string): number {
  if (name === 'xl/workbook.xml') return 0;
  if (name === 'xl/_rels/workbook.xml.rels') return 1;
  if (name === 'xl/sharedStrings.xml') return 2;
  if (name === 'xl/styles.xml') return 3;
  if (name.startsWith('xl/worksheets/')) return 5;
  return 4;
}

function localHeader(entry: Entry): Buffer {
  const header = Buffer.alloc(LOCAL_SIZE);
  header.writeUInt32LE(LOCAL_SIGNATURE, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(entry.flags & ~DATA_DESCRIPTOR_FLAG, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(entry.time, 10);
  header.writeUInt16LE(entry.date, 12);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(entry.nameBytes.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, entry.nameBytes]);
}

function centralDirectory(entries: Entry[], offsets: number[], start: number): Buffer {
  const parts: Buffer[] = [];
  entries.forEach((entry, i) => {
    const header = Buffer.alloc(CENTRAL_SIZE);
    header.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(entry.flags & ~DATA_DESCRIPTOR_FLAG, 8);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt16LE(entry.time, 12);
    header.writeUInt16LE(entry.date, 14);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(entry.compressedSize, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(entry.nameBytes.length, 28);
    header.writeUInt32LE(offsets[i] as number, 42);
    parts.push(header, entry.nameBytes);
  });
  const body = Buffer.concat(parts);
  const end = Buffer.alloc(EOCD_SIZE);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(body.length, 12);
  end.writeUInt32LE(start, 16);
  return Buffer.concat([body, end]);
}

async function* reorderedArchive(handle: fs.promises.FileHandle, entries: Entry[]): AsyncGenerator<Buffer> {
  const ordered = [...entries].sort((a, b) => rank(a.name) - rank(b.name));
  const offsets: number[] = [];
  let written = 0;
  try {
    for (const entry of ordered) {
      const local = await readAt(handle, entry.localOffset, LOCAL_SIZE);
      if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipFormatError('The archive is damaged.');
      const dataStart = entry.localOffset + LOCAL_SIZE + local.readUInt16LE(26) + local.readUInt16LE(28);
      const header = localHeader(entry);
      offsets.push(written);
      yield header;
      written += header.length;
      const chunk = 1 << 20;
      for (let done = 0; done < entry.compressedSize; done += chunk) {
        const data = await readAt(handle, dataStart + done, Math.min(chunk, entry.compressedSize - done));
        yield data;
      }
      written += entry.compressedSize;
    }
    yield centralDirectory(ordered, offsets, written);
  } finally {
    await handle.close();
  }
}

/**
 * The archive at `file` as a stream with every size in its local header and the workbook parts
 * first. Throws ZipFormatError when the file is not a ZIP archive this reader handles.
 */
export async function openNormalisedXlsx(file: string): Promise<Readable> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const entries = await readCentralDirectory(handle, size);
    return Readable.from(reorderedArchive(handle, entries), { objectMode: false });
  } catch (error) {
    await handle.close();
    throw error;
  }
}
