import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/**
 * Warns once when a request arrives through a proxy that is not trusted: every client then shares
 * the proxy's address, so the per-address rate limit and sign-in ceiling count them as one.
 */
export function installForwardedWarning(app: FastifyInstance, config: Config): void {
  if (config.trustProxy > 0) return;
  let warned = false;
  app.addHook('onRequest', async (request) => {
    if (warned || request.headers['x-forwarded-for'] === undefined) return;
    warned = true;
    request.log.warn(
      { event: 'untrusted_proxy', address: request.ip },
      'Requests arrive with X-Forwarded-For but MINQING_TRUST_PROXY is off: every client behind the proxy ' +
        'shares its address for rate limits and sign-in throttling. Set MINQING_TRUST_PROXY=true when ' +
        'MinQing runs behind a reverse proxy that sets the header.',
    );
  });
}
