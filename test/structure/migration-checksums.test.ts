import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrationChecksum, readManifest } from '../../scripts/migration-checksums.ts';
import { migrations } from '../../src/server/db/migration-list.ts';

/**
 * Migrations are append-only: once one has landed, deployments have run it, and an edit would
 * leave their schemas different from a fresh install's. The committed manifest pins each file's
 * SHA-256; a change must be a new migration (ARCHITECTURE.md, Migrations).
 */
describe('migration checksums', () => {
  const manifest = readManifest();
  const listed = Object.keys(migrations);

  it('records every migration listed in migration-list.ts, and nothing else', () => {
    expect(Object.keys(manifest).sort()).toEqual([...listed].sort());
  });

  it('finds every migration file unchanged since it was recorded', () => {
    const changed = listed.filter((name) => {
      const text = fs.readFileSync(path.join(MIGRATIONS_DIR, `${name}.ts`), 'utf8');
      return manifest[name] !== undefined && migrationChecksum(text) !== manifest[name];
    });
    expect(changed, 'landed migrations must not change: add a new one instead').toEqual([]);
  });

  it('lists every migration file in migration-list.ts', () => {
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{8}T\d{4}_\w+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual([...listed].sort());
  });

  it('hashes the text, not its line endings', () => {
    expect(migrationChecksum('a\r\nb\n')).toBe(migrationChecksum('a\nb\n'));
    expect(migrationChecksum('a\nb\n')).not.toBe(migrationChecksum('a\nc\n'));
  });
});
