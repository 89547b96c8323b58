import fs from 'node:fs';
import readline from 'node:readline';
import { Transform } from 'node:stream';
import type { SheetRow } from './header.ts';
import { importFileError } from './import-errors.ts';

/**
 * CSV rows (RFC 4180: comma-separated, fields optionally in double quotes, "" for a quote, line
 * breaks allowed inside quotes), read line by line with node:readline. Excel and WPS on Chinese
 * Windows save "CSV" in GB18030 unless told to use UTF-8, so the encoding is sniffed: a UTF-8
 * BOM or valid UTF-8 means UTF-8, anything else is decoded as GB18030. Row numbers count records
 * (what a spreadsheet shows when it opens the file), the header being row 1.
 */

const SNIFF_BYTES = 64 * 1024;

async function sniffEncoding(file: string): Promise<'utf-8' | 'gb18030'> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const sample = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(sample, 0, SNIFF_BYTES, 0);
    const head = sample.subarray(0, bytesRead);
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
    try {
      // stream: true tolerates a character cut at the end of the sample.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await handle.close();
  }
}

function decoder(encoding: string): Transform {
  const text = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

/** Splits one physical line into fields, continuing a quoted field left open by earlier lines. */
export interface CsvState {
  fields: string[];
  field: string;
  quoted: boolean;
  /** Inside quotes at the end of the last line: the record goes on. */
  open: boolean;
}

export function newCsvState(): CsvState {
  return { fields: [], field: '', quoted: false, open: false };
}

/** Feeds one line; returns the finished record, or null when a quoted field spans lines. */
export function feedCsvLine(state: CsvState, line: string): string[] | null {
  let i = 0;
  let inQuotes = state.open;
  if (state.open) state.field += '\n';
  while (i < line.length) {
    const ch = line[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          state.field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else state.field += ch;
    } else if (ch === '"' && state.field === '' && !state.quoted) {
      inQuotes = true;
      state.quoted = true;
    } else if (ch === ',') {
      state.fields.push(state.field);
      state.field = '';
      state.quoted = false;
    } else {
      // A stray quote in an unquoted field is kept as a character (lenient, like Excel).
      state.field += ch;
    }
    i++;
  }
  state.open = inQuotes;
  if (inQuotes) return null;
  state.fields.push(state.field);
  const record = state.fields;
  state.fields = [];
  state.field = '';
  state.quoted = false;
  return record;
}

export async function* readCsvRows(file: string): AsyncGenerator<SheetRow> {
  let encoding: 'utf-8' | 'gb18030';
  try {
    encoding = await sniffEncoding(file);
  } catch (error) {
    throw importFileError(
      'file.unreadable',
      `Cannot open ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      error,
    );
  }
  const source = fs.createReadStream(file);
  const text = decoder(encoding);
  // pipe() does not forward errors: a read failure must end the loop below, not stall it.
  source.on('error', (error) => text.destroy(error));
  const lines = readline.createInterface({ input: source.pipe(text), crlfDelay: Infinity });
  const state = newCsvState();
  let record = 0;
  let firstLine = true;
  let lineNumber = 0;
  let recordStart = 1;
  try {
    for await (const raw of lines) {
      lineNumber++;
      let line = raw;
      if (firstLine) {
        line = line.replace(/^\uFEFF/, '');
        firstLine = false;
      }
      if (!state.open) recordStart = lineNumber;
      const fields = feedCsvLine(state, line);
      if (fields === null) continue;
      record++;
      yield { number: record, values: fields };
    }
  } finally {
    lines.close();
    source.destroy();
  }
  if (state.open) {
    throw importFileError(
      'file.unreadable',
      `The CSV file has a quoted field opened on line ${recordStart} that is never closed.`,
    );
  }
}
