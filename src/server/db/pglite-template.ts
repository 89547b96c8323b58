import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * PGlite's initdb takes seconds on these machines, so a new data directory is unpacked from a
 * template made once per installation (`npm install` runs `minqing prepare`, which calls this).
 * The template holds an empty cluster; migrations run on top of it at start-up.
 */
export function pgliteTemplatePath(): string {
  const version = JSON.parse(
    fs.readFileSync(path.join(projectRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ).version as string;
  return path.join(projectRoot, 'node_modules/.cache/minqing', `pglite-${version}-template.tar.gz`);
}

export async function ensurePgliteTemplate(): Promise<Blob> {
  const file = pgliteTemplatePath();
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const pg = await PGlite.create();
  const dump = await pg.dumpDataDir('gzip');
  await pg.close();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file);
  return dump;
}
