import { rawBodyParser } from '../../http/raw-body.ts';

/**
 * XLSX and CSV, plus what browsers send for them in practice: Windows with Excel installed
 * labels .csv files application/vnd.ms-excel, and an unknown file is application/octet-stream.
 * The content decides the format in the end (an XLSX is a ZIP archive). A missing type is
 * accepted too (RFC 9110 §8.3: the recipient may examine the data).
 */
export const UPLOAD_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

/** The body parser of the web upload: the spreadsheet is the raw body (see rawBodyParser). */
export function uploadParser(maxBytes: number) {
  return rawBodyParser({
    maxBytes,
    mediaTypes: UPLOAD_MEDIA_TYPES,
    wrongType: 'Upload an .xlsx or .csv file as the request body.',
    tooLarge: (mib) =>
      `The file is larger than ${Math.floor(mib)} MiB; split it or import it with the command line.`,
  });
}
