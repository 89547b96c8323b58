import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createScoreListsRepository } from './score-lists.repository.ts';

/**
 * The place each scored subject belongs to, which its finding follows: a community's own path
 * (kept on its score row), a region unit's region, a department's district or street node; a
 * cadre belongs to the table's place (`fallback`).
 */
export async function subjectPlaces(
  db: Kysely<DB>,
  districtCode: string,
  fallback: string,
  rows: readonly { subject_key: string; subject_path: string | null }[],
): Promise<Map<string, string>> {
  const departments = rows.filter((r) => r.subject_key.startsWith('d:')).map((r) => r.subject_key.slice(2));
  const regions = rows.filter((r) => r.subject_key.startsWith('r:')).map((r) => r.subject_key.slice(2));
  const units = await createScoreListsRepository(db).placePaths(districtCode, departments, regions);
  const out = new Map<string, string>();
  for (const r of rows) {
    const key = r.subject_key;
    const path = key.startsWith('d:')
      ? units.get(key)
      : key.startsWith('r:')
        ? units.get(key.slice(2))
        : key.startsWith('u:')
          ? undefined
          : (r.subject_path ?? undefined);
    out.set(key, path ?? fallback);
  }
  return out;
}
