import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileName, pruneBackups } from './backup.ts';

describe('scheduled backup files', () => {
  it('names backups by UTC time so that names sort by age', () => {
    expect(backupFileName(new Date('2026-11-22T04:05:06.789Z'))).toBe('minqing-20261122T040506Z.ndjson.gz');
    const names = ['2026-01-02T00:00:00Z', '2025-12-31T23:59:59Z', '2026-01-01T12:00:00Z'].map((t) =>
      backupFileName(new Date(t)),
    );
    expect([...names].sort()).toEqual([names[1], names[2], names[0]]);
  });

  it('keeps the newest N scheduled backups and never touches other files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-prune-'));
    const days = [1, 2, 3, 4, 5].map((d) => backupFileName(new Date(Date.UTC(2026, 10, d))));
    for (const f of [...days, 'manual-before-upgrade.ndjson.gz', 'notes.txt'])
      fs.writeFileSync(path.join(dir, f), 'x');
    const removed = pruneBackups(dir, 2);
    expect(removed).toEqual(days.slice(0, 3));
    expect(fs.readdirSync(dir).sort()).toEqual(
      [...days.slice(3), 'manual-before-upgrade.ndjson.gz', 'notes.txt'].sort(),
    );
  });
});
