// `npm run migration:checksums`: records the SHA-256 of every migration listed in
// src/server/db/migration-list.ts that no manifest knows yet, in src/server/db/migration-checksums.json.
// The first manifest, migrations/checksums.json, landed inside the migrations folder and is read
// only: no file there changes once landed. A recorded checksum never changes either: a landed
// migration is never edited (a change is a new migration), and
// test/structure/migration-checksums.test.ts fails when one is.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../src/server/db/migrations');
/** The manifest that landed in the migrations folder: read, never written. */
const LANDED_MANIFEST = path.join(MIGRATIONS_DIR, 'checksums.json');
/** Where checksums of later migrations are recorded. */
export const MANIFEST = path.resolve(MIGRATIONS_DIR, '../migration-checksums.json');

const readJson = (file: string): Record<string, string> =>
  fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};

/** SHA-256 of a migration's text; line endings are normalised so a CRLF checkout hashes the same. */
export function migrationChecksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

/** Every recorded checksum: the landed manifest's and the later ones. */
export function readManifest(): Record<string, string> {
  return { ...readJson(LANDED_MANIFEST), ...readJson(MANIFEST) };
}

if (import.meta.main) {
  const { migrations } = await import('../src/server/db/migration-list.ts');
  const known = readManifest();
  const later = readJson(MANIFEST);
  const added: string[] = [];
  for (const name of Object.keys(migrations)) {
    if (known[name] !== undefined) continue;
    later[name] = migrationChecksum(fs.readFileSync(path.join(MIGRATIONS_DIR, `${name}.ts`), 'utf8'));
    added.push(name);
  }
  fs.writeFileSync(MANIFEST, `${JSON.stringify(later, null, 2)}\n`);
  console.log(added.length > 0 ? `Recorded: ${added.join(', ')}` : 'Every listed migration is recorded.');
}
