import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors/app-error.ts';

type Done = (error: Error | null, body?: Buffer) => void;

/** Whether the route's access check will let the caller through (so the body is worth reading). */
function mayUpload(request: FastifyRequest): boolean {
  const principal = request.principal;
  const access = request.routeOptions.config.access;
  if (!principal?.mfaPassed || principal.mustChangePassword || !access) return false;
  return access === 'authenticated' || principal.permissions.has(access as never);
}

/**
 * A body parser for uploads whose file is the raw body. It reads nothing for a caller the route
 * will refuse anyway (so nobody without the permission can make the server hold a large body; the
 * access check then answers 401/403 as usual), refuses other declared media types with 415 (the
 * bytes decide in the end; a missing type is accepted, RFC 9110 §8.3), and stops at `maxBytes`
 * with 413 without holding more.
 */
export function rawBodyParser(options: {
  maxBytes: number;
  mediaTypes: ReadonlySet<string>;
  /** What the 415 says to send instead. */
  wrongType: string;
  /** What the 413 says, given the limit in MiB. */
  tooLarge: (maxMiB: number) => string;
}) {
  const { maxBytes } = options;
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', options.tooLarge(maxBytes / (1024 * 1024)));
  return (request: FastifyRequest, payload: IncomingMessage, done: Done): void => {
    if (!mayUpload(request)) {
      done(null, undefined);
      return;
    }
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type && !options.mediaTypes.has(type)) {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', options.wrongType));
      return;
    }
    if (Number(request.headers['content-length']) > maxBytes) {
      done(tooLarge());
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
      if (size > maxBytes) finish(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks, size));
    const onError = (error: Error) => finish(error);
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  };
}
