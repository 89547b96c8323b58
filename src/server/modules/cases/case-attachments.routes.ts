import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** A case's attachments: upload (EXIF stripped, stored outside the database) and download. */
export const caseAttachmentRoutes: FastifyPluginAsyncZod = async () => {};
