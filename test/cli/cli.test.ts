import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchSender, signInWhenAdmitted } from '../support/auth.ts';
import { runCli, startCli } from '../support/cli.ts';
import { createProcessEnv, testEngine } from '../support/db.ts';

const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `minqing-${name}-`));
const KEY = `${'B'.repeat(43)}=`;

describe(`minqing start --demo (${testEngine()})`, () => {
  it('migrates an empty database, seeds the demo street once, serves it, and restarts without reseeding', async () => {
    const processEnv = await createProcessEnv(tempDir('demo'));
    const env = { ...processEnv.env, PORT: '0', MINQING_PII_KEY: KEY };
    try {
      const first = await startCli(['--demo'], env);
      let districtId: string;
      try {
        expect(first.output()).toContain('generating the demo street');
        const meta = await (await fetch(`${first.url}/api/v1/meta`)).json();
        expect(meta).toMatchObject({
          demo: true,
          engine: testEngine(),
          district: { code: '330109', name: '萧山区' },
        });
        expect(meta.demoLogin.accounts.map((a: { username: string }) => a.username)).toContain('leader');
        const cookie = await signInWhenAdmitted(fetchSender(first.url), 'sysadmin', first.url);
        const top = await (await fetch(`${first.url}/api/v1/regions`, { headers: { cookie } })).json();
        districtId = top.items[0].id;
        expect(top.items[0]).toMatchObject({ level: 'district', householdCount: 20_000 });
      } finally {
        first.child.kill('SIGTERM');
      }
      expect(await first.exited).toBe(0);

      const second = await startCli(['--demo'], env);
      try {
        expect(second.output()).not.toContain('generating the demo street');
        // The authenticator enrolled before the restart still signs in (second step: TOTP, not enrolment).
        const cookie = await signInWhenAdmitted(fetchSender(second.url), 'sysadmin', first.url);
        const top = await (await fetch(`${second.url}/api/v1/regions`, { headers: { cookie } })).json();
        expect(top.items.map((r: { id: string }) => r.id)).toEqual([districtId]);
      } finally {
        second.child.kill('SIGTERM');
      }
      expect(await second.exited).toBe(0);
    } finally {
      await processEnv.dispose();
    }
  });

  it('refuses to start on PostgreSQL without a personal-data key, in one clear line', async () => {
    const result = await runCli(['start'], {
      MINQING_DATA_DIR: tempDir('nokey'),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('MINQING_PII_KEY is required with DATABASE_URL');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
