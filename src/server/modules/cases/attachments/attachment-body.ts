import { rawBodyParser } from '../../../http/raw-body.ts';

/** JPEG, PNG, PDF, and what browsers send for a file they cannot name. */
const MEDIA_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'application/pdf',
  'application/octet-stream',
]);

/** The body parser of attachment and photo uploads: the file is the raw body (see rawBodyParser). */
export function attachmentBodyParser(maxBytes: number) {
  return rawBodyParser({
    maxBytes,
    mediaTypes: MEDIA_TYPES,
    wrongType: 'Attach a JPEG or PNG photo or a PDF document.',
    tooLarge: (mib) => `The file is larger than ${mib.toFixed(1)} MiB; send a smaller photo or scan.`,
  });
}
