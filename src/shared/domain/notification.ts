import { z } from 'zod';

/**
 * In-app notifications: what a case change or the clock sweeper asks a user to do next. `topic`
 * names the event (`case.dispatch`, `case.overdue`, …); `params` carries what the message text
 * needs (case number and title, the clock that ran out), so the UI words it in the user's language.
 */
export const notificationSchema = z.object({
  id: z.uuid(),
  topic: z.string(),
  caseId: z.uuid().nullable(),
  params: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z
  .object({
    /** Notifications older than this one (keyset paging, newest first). */
    after: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** Only the unread ones. */
    unread: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type NotificationListQuery = z.input<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  /** The id to pass as `after` for the next page; null on the last page. */
  next: z.uuid().nullable(),
  /** All of the caller's unread notifications, not only this page's. */
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;
