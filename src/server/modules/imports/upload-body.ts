import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors/app-error.ts';

/**
 * The body parser of the web upload: the file is the raw body. It reads nothing for a caller
 * the route will refuse anyway (so nobody without the permission can make the server hold a
 * large body; the access check then answers 401/403 as usual), refuses media types other than a
 * spreadsheet with 415, and stops at `maxBytes` with 413.
 */

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

type Done = (error: Error | null, body?: Buffer) => void;

function mayUpload(request: FastifyRequest): boolean {
  const principal = request.principal;
  const access = request.routeOptions.config.access;
  if (!principal?.mfaPassed || principal.mustChangePassword || !access) return false;
  return access === 'authenticated' || principal.permissions.has(access as never);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MiB; split it or import it with the command line.`,
  );
}

export function uploadParser(maxBytes: number) {
  return (request: FastifyRequest, payload: IncomingMessage, done: Done): void => {
    if (!mayUpload(request)) {
      done(null, undefined);
      return;
    }
    const header = request.headers['content-type'];
    const type = header?.split(';')[0]?.trim().toLowerCase();
    if (type && !UPLOAD_MEDIA_TYPES.has(type)) {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload an .xlsx or .csv file as the request body.'));
      return;
    }
    if (Number(request.headers['content-length']) > maxBytes) {
      done(tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (finished) return;
      finished = true;
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
      // Whatever is left is discarded by the HTTP server once the answer is sent.
      if (error) payload.resume();
      done(error, body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks, size));
    const onError = (error: Error) => finish(error);
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  };
}
