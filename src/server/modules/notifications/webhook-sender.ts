import { createHmac } from 'node:crypto';
import { HTTP_TIMEOUT_MS } from './sms-gateway.ts';

export interface WebhookDelivery {
  /** The outbox message id: receivers drop a delivery they have already seen (at-least-once). */
  id: string;
  event: string;
  body: string;
}

/** `sha256=` + HMAC-SHA256(secret, `${timestamp}.${body}`): binds the body to its send time. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs one event to every endpoint; any endpoint failing fails the delivery, which the outbox
 * retries for all (receivers deduplicate by X-MinQing-Delivery). No endpoint: nothing to do.
 */
export async function sendWebhook(
  urls: readonly string[],
  secret: string | undefined,
  delivery: WebhookDelivery,
  timeoutMs = HTTP_TIMEOUT_MS,
): Promise<void> {
  // The real send time (not the worker's notion of now), so receivers can refuse stale replays.
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-minqing-event': delivery.event,
    'x-minqing-delivery': delivery.id,
    'x-minqing-timestamp': timestamp,
  };
  if (secret) headers['x-minqing-signature'] = webhookSignature(secret, timestamp, delivery.body);
  const failures: string[] = [];
  await Promise.all(
    urls.map(async (url) => {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers,
          body: delivery.body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel();
        if (!res.ok) failures.push(`${new URL(url).host} answered ${res.status}`);
      } catch (error) {
        failures.push(`${new URL(url).host}: ${(error as Error).message}`);
      }
    }),
  );
  if (failures.length > 0) throw new Error(`webhook failed: ${failures.join('; ')}`);
}
