import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { createTestDatabase } from '../support/db.ts';

describe('structured logs', () => {
  it('log requests as JSON with id, method and path, never query strings, cookies or bodies', async () => {
    const database = await createTestDatabase();
    const lines: string[] = [];
    const config = loadConfig({ LOG_LEVEL: 'info', MINQING_PII_KEY: `${'C'.repeat(43)}=` });
    const app = await buildApp(createContext(config, database), {
      logStream: { write: (l) => lines.push(l) },
    });
    try {
      const phone = '13812345678';
      const idNumber = '330109195001010023';
      await app.inject({
        method: 'GET',
        url: `/api/v1/regions?phone=${phone}&id=${idNumber}`,
        headers: {
          cookie: `session=${idNumber}`,
          authorization: `Bearer ${phone}`,
          'x-request-id': 'req-12345678',
        },
      });
      await app.inject({
        method: 'POST',
        url: '/api/v1/client-errors',
        payload: { message: `failed for ${phone} ${idNumber}`, url: `/households?q=${phone}` },
      });
      const text = lines.join('');
      expect(text).not.toContain(phone);
      expect(text).not.toContain(idNumber);
      const entries = lines.map((l) => JSON.parse(l));
      const request = entries.find((e) => e.req?.id === 'req-12345678');
      expect(request?.req).toEqual({ id: 'req-12345678', method: 'GET', path: '/api/v1/regions' });
      const report = entries.find((e) => e.clientError);
      expect(report?.clientError).toMatchObject({ path: '/households', messageLength: expect.any(Number) });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
