import type { FastifyBaseLogger } from 'fastify';
import { hideStatusTokens } from '../../../shared/domain/resident-status.ts';
import { maskPhone } from '../../../shared/validation/mask.ts';
import type { CaseSettings } from '../../config.ts';

/** Sends one text message; throws when the provider did not accept it (the outbox retries). */
export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

export const HTTP_TIMEOUT_MS = 10_000;

/** The default: no provider, the message goes to the log with the number masked. */
export function createLogSmsGateway(log: Pick<FastifyBaseLogger, 'info'>): SmsGateway {
  return {
    async send(phone, text) {
      // A status link in the log would open the resident's case to whoever reads the log.
      log.info({ to: maskPhone(phone), text: hideStatusTokens(text) }, 'sms (log driver)');
    },
  };
}

/**
 * A provider behind one HTTP endpoint: POST `{ to, text }` as JSON with a bearer token. Anything
 * but a 2xx is a failure. Errors name the status only: the number never reaches the log.
 */
export function createHttpSmsGateway(
  url: string,
  token: string | undefined,
  timeoutMs = HTTP_TIMEOUT_MS,
): SmsGateway {
  return {
    async send(phone, text) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ to: phone, text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

/** The gateway the settings choose. */
export function smsGatewayFor(settings: CaseSettings, log: Pick<FastifyBaseLogger, 'info'>): SmsGateway {
  if (settings.sms.driver === 'http') {
    if (!settings.sms.url) throw new Error('MINQING_SMS_DRIVER=http needs MINQING_SMS_HTTP_URL.');
    return createHttpSmsGateway(settings.sms.url, settings.sms.token);
  }
  return createLogSmsGateway(log);
}
