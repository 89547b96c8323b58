import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * A Content-Disposition for a download (RFC 6266): an ASCII `filename` for old clients and the
 * real, usually Chinese, name as `filename*` in UTF-8. Header values must be Latin-1, so the
 * UTF-8 name is percent-encoded, including the characters RFC 8187 does not allow bare.
 */
export function attachment(name: { ascii: string; utf8: string }): string {
  const ascii = name.ascii.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name.utf8).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Answers with an XLSX file named `name`, never kept by a cache (its rows may be personal data);
 * `headers` add to it (an export's row count).
 */
export function sendXlsx(
  reply: FastifyReply,
  name: { ascii: string; utf8: string },
  body: Buffer | Readable,
  headers: Record<string, string> = {},
) {
  return reply
    .type(XLSX_CONTENT_TYPE)
    .header('content-disposition', attachment(name))
    .header('cache-control', 'no-store')
    .headers(headers)
    .send(body);
}

/**
 * A download body that `write` fills while the client reads it: no whole file in memory, whatever
 * its size. A failure half-way goes to `onFailure` and destroys the stream, so a cut-off file never
 * arrives looking complete.
 */
export function streamedBody(
  write: (out: Writable) => Promise<unknown>,
  onFailure: (error: unknown) => void,
): PassThrough {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  write(out).catch((error: unknown) => {
    onFailure(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return out;
}
