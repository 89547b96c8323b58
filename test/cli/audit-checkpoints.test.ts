import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/engine.ts';
import { runCli, startCli } from '../support/cli.ts';
import { createProcessEnv, testEngine } from '../support/db.ts';

const KEY = `${'E'.repeat(43)}=`;

describe(`minqing audit verify against the server's checkpoints (${testEngine()})`, () => {
  it('catches the log cut back and its head moved after the server checkpointed it, also from an operator copy', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-audit-cp-'));
    const processEnv = await createProcessEnv(dataDir);
    const env = { ...processEnv.env, MINQING_PII_KEY: KEY };
    try {
      expect((await runCli(['seed', '--scale', 'street', '--households', '5'], env)).code).toBe(0);
      for (const username of ['sys-one', 'sys-two']) {
        const created = await runCli(['admin', 'create', '--username', username, '--role', 'sysadmin'], env);
        expect(created.code, created.stderr).toBe(0);
      }
      // The server signs a checkpoint of every chain at start and at shutdown, in a file and in its log.
      const server = await startCli([], { ...env, PORT: '0', LOG_LEVEL: 'info' });
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      server.child.kill('SIGTERM');
      expect(await server.exited, server.output()).toBe(0);
      expect(server.output()).toContain('"auditCheckpoint"');
      const checkpointDir = path.join(dataDir, 'audit-checkpoints');
      const [file] = fs.readdirSync(checkpointDir);
      expect(file).toMatch(/^\d{6}\.log$/);
      const district = (file as string).slice(0, 6);
      const lines = fs
        .readFileSync(path.join(checkpointDir, file as string), 'utf8')
        .trim()
        .split('\n');
      expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ district, stripe: 0, seq: 2 });

      const ok = await runCli(['audit', 'verify'], env);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stderr).toMatch(/intact: 2 rows/);
      expect(ok.stderr).not.toContain('WARNING');

      // An operator's copy of the checkpoints, kept away from the machine.
      const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-audit-copy-')), 'copy.log');
      fs.copyFileSync(path.join(checkpointDir, file as string), copy);

      // A database writer removes the last row and moves the head back: every row and link holds.
      const database = await openDatabase(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
      try {
        // One process after another: both rows are on stripe 0.
        await sql`delete from audit_log where district_code = ${district} and stripe = 0 and seq = 2`.execute(
          database.db,
        );
        await sql`update audit_chain_head set seq = 1,
          hash = (select hash from audit_log where district_code = ${district} and stripe = 0 and seq = 1)
          where district_code = ${district} and stripe = 0`.execute(database.db);
      } finally {
        await database.close();
      }
      const broken = await runCli(['audit', 'verify'], env);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('row 2 is gone (the log was cut back behind a signed checkpoint)');

      // With the checkpoint files deleted too, only a copy kept elsewhere still tells.
      fs.rmSync(checkpointDir, { recursive: true });
      const unchecked = await runCli(['audit', 'verify'], env);
      expect(unchecked.code).toBe(0);
      expect(unchecked.stderr).toContain(`WARNING district ${district}: no signed checkpoint`);
      const fromCopy = await runCli(['audit', 'verify', '--checkpoints', copy], env);
      expect(fromCopy.code).toBe(1);
      expect(fromCopy.stderr).toContain('row 2 is gone');
    } finally {
      await processEnv.dispose();
    }
  });
});
