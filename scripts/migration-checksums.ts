// `npm run migration:checksums`: records the SHA-256 of every migration listed in
// src/server/db/migration-list.ts that src/server/db/migrations/checksums.json does not know yet.
// It never changes a recorded checksum: a landed migration is never edited (a change is a new
// migration), and test/structure/migration-checksums.test.ts fails when one is.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../src/server/db/migrations');
export const MANIFEST = path.join(MIGRATIONS_DIR, 'checksums.json');

/** SHA-256 of a migration's text; line endings are normalised so a CRLF checkout hashes the same. */
export function migrationChecksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

export function readManifest(): Record<string, string> {
  return fs.existsSync(MANIFEST) ? JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) : {};
}

if (import.meta.main) {
  const { migrations } = await import('../src/server/db/migration-list.ts');
  const manifest = readManifest();
  const added: string[] = [];
  for (const name of Object.keys(migrations)) {
    if (manifest[name] !== undefined) continue;
    manifest[name] = migrationChecksum(fs.readFileSync(path.join(MIGRATIONS_DIR, `${name}.ts`), 'utf8'));
    added.push(name);
  }
  fs.writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(added.length > 0 ? `Recorded: ${added.join(', ')}` : 'Every listed migration is recorded.');
}
