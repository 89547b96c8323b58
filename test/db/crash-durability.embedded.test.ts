import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/engine.ts';

const writer = path.resolve(import.meta.dirname, '../support/durability-writer.ts');

/** Starts the writer, lets it commit until `acks` rows are acknowledged, then kill -9s it. */
async function writeThenKill(dataDir: string, round: string, acks: number): Promise<number[]> {
  const child = spawn(process.execPath, [writer, dataDir, round], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acked: number[] = [];
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}`)),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      }
      if (acked.length >= acks) child.kill('SIGKILL');
    });
  });
  return acked;
}

describe('embedded database survives kill -9', () => {
  it('reopens after the writer is killed mid-stream, with every acknowledged write present', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-crash-'));
    const firstRound = await writeThenKill(dataDir, 'a', 150);
    // The dead writer left its lock behind; the next process must take it over and recover.
    expect(fs.existsSync(path.join(dataDir, 'minqing.lock'))).toBe(true);
    const secondRound = await writeThenKill(dataDir, 'b', 50);
    expect(secondRound.length).toBeGreaterThanOrEqual(50);

    const database = await openDatabase(loadConfig({ MINQING_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    try {
      const rows = await database.db
        .selectFrom('system_setting')
        .select('key')
        .where('key', 'like', 'crash-%')
        .execute();
      const present = new Set(rows.map((r) => r.key));
      const missing = [
        ...firstRound.map((i) => `crash-a-${i}`),
        ...secondRound.map((i) => `crash-b-${i}`),
      ].filter((key) => !present.has(key));
      expect(missing).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
