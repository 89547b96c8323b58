import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type HotlinePush, type HotlineTakeIn, hotlinePushSchema } from '../../../shared/domain/hotline.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import { webhookSignature } from '../notifications/webhook-sender.ts';
import { createHotlineRepository } from './hotline.repository.ts';
import { takeInOrder } from './take-in-order.ts';

/** How far a push's timestamp may be from the server's clock, either way. */
export const HOTLINE_WINDOW_SECONDS = 300;

export interface PushContext {
  db: Kysely<DB>;
  cipher: PiiCipher;
  secret: string | undefined;
  sourceIp: string | null;
  now: Date;
}

export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer | undefined;
}

const invalidSignature = () =>
  new AppError('HOTLINE_SIGNATURE_INVALID', 'X-Hotline-Signature does not match the timestamp and body.');

/** Whether `given` is the signature of `timestamp.body`, compared in constant time. */
function signatureMatches(secret: string, timestamp: string, body: string, given: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A work order the platform pushes (POST /api/v1/hotline/orders), accepted only when signed with
 * the deployment's secret: `X-Hotline-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`
 * with `X-Hotline-Timestamp` (Unix seconds) within five minutes of the server's clock. The same
 * signature twice is a replay and refused (409) — a platform retrying signs again, and the order
 * number then answers with the case taken in the first time. Checked in that order: signature,
 * time, body, replay; then the order is taken in as an imported one is.
 */
export async function receivePush(ctx: PushContext, request: SignedRequest): Promise<HotlineTakeIn> {
  if (!ctx.secret) {
    throw new AppError('HOTLINE_NOT_CONFIGURED', 'Set MINQING_HOTLINE_SECRET to take in pushed orders.');
  }
  const { timestamp, signature } = request;
  const body = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) throw invalidSignature();
  if (!signatureMatches(ctx.secret, timestamp, body, signature)) throw invalidSignature();
  const sentAt = Number(timestamp);
  if (Math.abs(ctx.now.getTime() / 1000 - sentAt) > HOTLINE_WINDOW_SECONDS) {
    throw new AppError(
      'HOTLINE_TIMESTAMP_STALE',
      `X-Hotline-Timestamp is more than ${HOTLINE_WINDOW_SECONDS} seconds from the server's time.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError('MALFORMED_JSON', 'The body is not JSON.');
  }
  const parsed = hotlinePushSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The order does not have the expected fields.', {
      issues: parsed.error.issues.map((i) => ({
        path: ['body', ...i.path].join('.'),
        reason: i.code,
        message: i.message,
      })),
    });
  }
  const order: HotlinePush = parsed.data;
  const repo = createHotlineRepository(ctx.db);
  if (!(await repo.districtExists(order.districtCode))) {
    const message = 'No such district in this deployment.';
    throw new AppError('VALIDATION_FAILED', message, {
      issues: [{ path: 'body.districtCode', reason: 'reference', message }],
    });
  }
  // Kept until the window would refuse it anyway; taken first, so two copies at once cannot both pass.
  const expiresAt = new Date((sentAt + HOTLINE_WINDOW_SECONDS + 60) * 1000);
  if (!(await repo.rememberSignature(order.districtCode, signature, ctx.now, expiresAt))) {
    throw new AppError('HOTLINE_REPLAYED', 'This exact request was received before.');
  }
  const result = await takeInOrder(
    {
      db: ctx.db,
      cipher: ctx.cipher,
      districtCode: order.districtCode,
      source: 'webhook',
      by: null,
      audit: { districtCode: order.districtCode, username: 'hotline', sourceIp: ctx.sourceIp },
      now: ctx.now,
    },
    {
      orderNumber: order.orderNumber,
      receivedAt: order.receivedAt,
      caller: order.caller ?? null,
      phone: order.phone ?? null,
      address: order.address ?? null,
      content: order.content,
      category: order.category ?? null,
      deadline: order.deadline ?? null,
    },
  );
  if (result.outcome === 'refused') {
    const message = `The order cannot be taken in (${result.reason}).`;
    throw new AppError('VALIDATION_FAILED', message, {
      issues: [
        { path: `body.${(result.reason ?? '').split('.')[0]}`, reason: result.reason ?? 'invalid', message },
      ],
    });
  }
  return result;
}
