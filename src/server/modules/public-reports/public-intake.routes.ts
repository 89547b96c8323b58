import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  entryLinkRequestSchema,
  entryLinkSchema,
  publicIntakeSettingsSchema,
} from '../../../shared/domain/public-entry.ts';
import { actorOf } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { makeEntryLink } from './make-entry-link.ts';
import { publicIntakeSettings, savePublicIntakeSettings } from './public-intake-settings.ts';

/**
 * The public form as an administrator keeps it for their district (org:write): whether reporters
 * confirm their phone by SMS code, and signed entry links for other channels (WeChat menus).
 */
export const publicIntakeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  const { cipher } = app.ctx;

  app.get(
    '/api/v1/public-intake/settings',
    {
      config: { access: 'org:write' },
      schema: {
        tags: ['public'],
        summary: "The district's public form settings",
        response: { 200: publicIntakeSettingsSchema },
      },
    },
    async (request) => publicIntakeSettings(db, (request.principal as Principal).districtCode),
  );

  app.put(
    '/api/v1/public-intake/settings',
    {
      config: { access: 'org:write' },
      schema: {
        tags: ['public'],
        summary: "Changes the district's public form settings (SMS code required or not)",
        body: publicIntakeSettingsSchema,
        response: { 200: publicIntakeSettingsSchema },
      },
    },
    async (request) =>
      savePublicIntakeSettings(db, actorOf(request.principal as Principal, request.ip), request.body),
  );

  app.post(
    '/api/v1/public-intake/entry-links',
    {
      config: { access: 'org:write' },
      schema: {
        tags: ['public'],
        summary: 'A signed entry link of the public form for another channel (e.g. a WeChat menu)',
        body: entryLinkRequestSchema,
        response: { 201: entryLinkSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await makeEntryLink(db, cipher, actorOf(request.principal as Principal, request.ip), request.body),
        ),
  );
};
