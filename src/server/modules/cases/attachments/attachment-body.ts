import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../../shared/errors/app-error.ts';

/**
 * The body parser of attachment uploads: the file is the raw body. Like the import upload, it
 * reads nothing for a caller the route refuses anyway (the access check then answers 401/403),
 * refuses other declared media types with 415 (the bytes decide in the end), and stops at
 * `maxBytes` with 413 without holding more.
 */
const MEDIA_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'application/pdf',
  // What browsers send for a file they cannot name, and a missing type (RFC 9110 §8.3).
  'application/octet-stream',
]);

type Done = (error: Error | null, body?: Buffer) => void;

function mayUpload(request: FastifyRequest): boolean {
  const principal = request.principal;
  const access = request.routeOptions.config.access;
  if (!principal?.mfaPassed || principal.mustChangePassword || !access) return false;
  return access === 'authenticated' || principal.permissions.has(access as never);
}

const tooLarge = (maxBytes: number) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${(maxBytes / (1024 * 1024)).toFixed(1)} MiB; send a smaller photo or scan.`,
  );

export function attachmentBodyParser(maxBytes: number) {
  return (request: FastifyRequest, payload: IncomingMessage, done: Done): void => {
    if (!mayUpload(request)) {
      done(null, undefined);
      return;
    }
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type && !MEDIA_TYPES.has(type)) {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Attach a JPEG or PNG photo or a PDF document.'));
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
