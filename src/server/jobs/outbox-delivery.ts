import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { statusUrl } from '../../shared/domain/resident-status.ts';
import type { CaseSettings } from '../config.ts';
import type { PiiCipher } from '../crypto/pii.ts';
import { runTransaction } from '../db/retry.ts';
import type { DB } from '../db/schema.ts';
import { deliverHotlinePush } from '../modules/hotline/push-back.ts';
import { createNotificationRepository } from '../modules/notifications/notifications.repository.ts';
import { CASE_REPORTER } from '../modules/notifications/notify-case.ts';
import { createOutboxRepository, type OutboxMessage } from '../modules/notifications/outbox.repository.ts';
import type { SmsGateway } from '../modules/notifications/sms-gateway.ts';
import { sendWebhook } from '../modules/notifications/webhook-sender.ts';
import { deliverPhoneCode } from '../modules/public-reports/phone-code-sms.ts';
import { PHONE_CODE_TOPIC } from '../modules/public-reports/send-phone-code.ts';
import { STATUS_LINK_TOPIC } from '../modules/resident-status/issue-status-link.ts';
import { mintSiblingToken } from '../modules/resident-status/sibling-token.ts';

/** Attempts before a message is given up (failed_at set; it stays in the table for the operator). */
export const MAX_ATTEMPTS = 10;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;

/** When to try again after the n-th failed attempt: 30 s, 1 min, 2 min, … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

export interface DeliveryDeps {
  db: Kysely<DB>;
  settings: CaseSettings;
  cipher: PiiCipher;
  sms: SmsGateway;
  /** The first of config.publicOrigins: status links in texts are absolute on it. */
  publicOrigin?: string | undefined;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  /** A test seam: runs inside the transaction after the pick, before anything is delivered. */
  afterPick?: (messages: OutboxMessage[]) => Promise<void>;
}

export interface DeliveryTotals {
  delivered: number;
  retried: number;
  failed: number;
}

/** The SMS text for a progress notice (进展告知); the reporter reads it, so it is Chinese. */
export function progressNoticeText(payload: Record<string, unknown>): string {
  return `【民情】您反映的事项（编号${String(payload.number ?? '')}）办理进展：${String(payload.message ?? '')}`;
}

/** The SMS text bringing a resident the link to their case's status page (issue 15 §2). */
export function statusLinkText(payload: Record<string, unknown>, url: string): string {
  return `【民情】您反映的事项（编号${String(payload.number ?? '')}）已收到。查看办理进展、评价办理结果：${url}`;
}

async function deliverOne(trx: Kysely<DB>, deps: DeliveryDeps, m: OutboxMessage, now: Date): Promise<void> {
  const payload = m.payload as Record<string, unknown>;
  if (m.channel === 'in_app') {
    if (!m.recipient) throw new Error('in-app message without a recipient');
    await createNotificationRepository(trx).insertNotification({
      district_code: m.district_code,
      id: uuidv7(),
      user_id: m.recipient,
      topic: m.topic,
      case_id: m.case_id,
      params: payload,
      created_at: now,
    });
    return;
  }
  // A public reporter's SMS code goes to the phone of the code's own row (no case exists yet).
  if (m.channel === 'sms' && m.topic === PHONE_CODE_TOPIC) return deliverPhoneCode(trx, deps, m, now);
  if (m.channel === 'sms') {
    if (m.recipient !== CASE_REPORTER || !m.case_id) throw new Error(`unknown SMS recipient ${m.recipient}`);
    const sealed = await createOutboxRepository(trx).reporterPhone(m.district_code, m.case_id);
    // The reporter's number was removed meanwhile (retention): nothing left to send to.
    if (!sealed) return;
    if (m.topic === STATUS_LINK_TOPIC) {
      const token = await mintSiblingToken(trx, m.district_code, String(payload.linkId), now);
      // Revoked before the text went out: the resident is not sent a dead link.
      if (!token) return;
      const url = statusUrl(deps.publicOrigin, token);
      await deps.sms.send(deps.cipher.decrypt(sealed), statusLinkText(payload, url));
      return;
    }
    await deps.sms.send(deps.cipher.decrypt(sealed), progressNoticeText(payload));
    return;
  }
  if (m.channel === 'hotline') return deliverHotlinePush(deps.settings.hotline, m);
  const { urls, secret } = deps.settings.webhooks;
  if (urls.length === 0) return;
  const body = JSON.stringify({
    id: m.id,
    event: m.topic,
    districtCode: m.district_code,
    caseId: m.case_id,
    occurredAt: new Date(m.created_at).toISOString(),
    data: payload,
  });
  await sendWebhook(urls, secret, { id: m.id, event: m.topic, body });
}

/**
 * One delivery pass: batches of due messages, each batch in one transaction that locks its rows
 * (SKIP LOCKED), delivers them and records the outcome. State lives only in the outbox table, so
 * a crash between the pick and the mark rolls back and the next pass delivers again (at least
 * once; webhook receivers deduplicate by delivery id, in-app rows are written in the same
 * transaction as the mark and so exactly once).
 */
export async function deliverDue(
  deps: DeliveryDeps,
  now = new Date(),
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<DeliveryTotals> {
  const batchSize = options.batchSize ?? 10;
  const maxBatches = options.maxBatches ?? 20;
  const totals: DeliveryTotals = { delivered: 0, retried: 0, failed: 0 };
  let batches = 0;
  for (const districtCode of await createOutboxRepository(deps.db).dueDistricts(now)) {
    while (batches < maxBatches) {
      batches++;
      if ((await deliverBatch(deps, districtCode, now, batchSize, totals)) < batchSize) break;
    }
  }
  return totals;
}

/** One transaction: a district's next due messages locked, delivered, their outcome recorded. */
async function deliverBatch(
  deps: DeliveryDeps,
  districtCode: string,
  now: Date,
  batchSize: number,
  totals: DeliveryTotals,
): Promise<number> {
  return runTransaction(deps.db, async (trx) => {
    const outbox = createOutboxRepository(trx);
    const messages = await outbox.pickDue(districtCode, now, batchSize);
    await deps.afterPick?.(messages);
    for (const m of messages) {
      try {
        await outbox.isolated(() => deliverOne(trx, deps, m, now));
        await outbox.markDelivered(m, now);
        totals.delivered++;
      } catch (error) {
        const attempts = m.attempts + 1;
        const gaveUp = attempts >= MAX_ATTEMPTS;
        const reason = (error as Error).message;
        await outbox.markAttemptFailed(m, {
          attempts,
          next: new Date(now.getTime() + retryDelayMs(attempts)),
          failedAt: gaveUp ? now : null,
          error: reason,
        });
        if (gaveUp) totals.failed++;
        else totals.retried++;
        deps.log.warn(
          { message: m.id, channel: m.channel, topic: m.topic, attempts, gaveUp, reason },
          'outbox delivery failed',
        );
      }
    }
    return messages.length;
  });
}
