import type { OutboxMessage } from '../notifications/outbox.repository.ts';
import { sendWebhook } from '../notifications/webhook-sender.ts';

/**
 * Delivers one push-back message (a hotline case's reply or end, written by notify-case.ts in the
 * change's transaction) to the platform's endpoint, signed as every webhook of the product is
 * (X-MinQing-Signature: sha256=HMAC(secret, "<timestamp>.<body>"), with the hotline's secret). A
 * deployment without an endpoint fails the message, so it shows as failed on the hotline page
 * instead of passing for delivered.
 */
export async function deliverHotlinePush(
  settings: { pushUrl: string | undefined; secret: string | undefined },
  m: OutboxMessage,
): Promise<void> {
  if (!settings.pushUrl) throw new Error('no MINQING_HOTLINE_PUSH_URL is configured');
  const body = JSON.stringify({
    id: m.id,
    event: m.topic,
    districtCode: m.district_code,
    occurredAt: new Date(m.created_at).toISOString(),
    ...(m.payload as Record<string, unknown>),
  });
  await sendWebhook([settings.pushUrl], settings.secret, { id: m.id, event: m.topic, body });
}
