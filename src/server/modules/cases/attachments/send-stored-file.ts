import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachment } from '../../../http/attachment.ts';
import { cleanFileName, extensionFor } from './add-attachment.ts';

export interface StoredFile {
  fileName: string;
  contentType: string;
  size: number;
  stream: Readable;
}

/**
 * Answers with a stored file (a case attachment, a visit photo) as a download: its cleaned name
 * (`<stem>.<ext>` for clients that take only ASCII), never sniffed into another type, never kept
 * by a shared cache (files may show people).
 */
export function sendStoredFile(reply: FastifyReply, file: StoredFile, asciiStem: string) {
  const fileName = cleanFileName(file.fileName, file.contentType);
  return reply
    .type(file.contentType)
    .header('content-length', file.size)
    .header(
      'content-disposition',
      attachment({ utf8: fileName, ascii: `${asciiStem}${extensionFor(file.contentType)}` }),
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}
