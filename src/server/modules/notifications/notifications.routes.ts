import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Notification,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSchema,
} from '../../../shared/domain/notification.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { createNotificationRepository } from './notifications.repository.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const emptyBody = z.object({}).strict();

const toNotification = (r: {
  id: string;
  topic: string;
  case_id: string | null;
  params: Record<string, unknown>;
  created_at: Date | string;
  read_at: Date | string | null;
}): Notification => ({
  id: r.id,
  topic: r.topic,
  caseId: r.case_id,
  params: r.params,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});

/** The signed-in user's in-app notifications: only ever their own, so no scope beyond the user. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = createNotificationRepository(app.ctx.database.db);

  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: "The caller's notifications, newest first, with the unread count",
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const { after, limit, unread } = request.query;
      const rows = await repo.listFor(principal.districtCode, principal.userId, {
        ...(after ? { after } : {}),
        limit,
        unreadOnly: unread === 'true',
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map(toNotification),
        next: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
        unread: await repo.unreadCount(principal.districtCode, principal.userId),
      };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'Marks one of the caller’s notifications read',
        params: idParams,
        body: emptyBody,
        response: { 200: notificationSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const row = await repo.markRead(
        principal.districtCode,
        principal.userId,
        request.params.id,
        new Date(),
      );
      if (!row) throw new AppError('NOT_FOUND', 'No such notification.');
      return toNotification(row);
    },
  );
};
