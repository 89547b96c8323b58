import { z } from 'zod';
import {
  type FieldEnterprise,
  type FieldHousehold,
  type FieldPack,
  fieldPackSchema,
} from '../../../shared/domain/field-directory.ts';
import { getCached, putCached } from '../../offline/cache.ts';
import { fieldDb } from '../../offline/field-db.ts';
import type { FieldApi } from './field-api.ts';

/** How many grids' directories a phone keeps at most: bounded, whatever the worker's reach. */
export const MAX_KEPT_GRIDS = 3;

const KEPT_LIST = 'directory-grids';
const packKey = (gridId: string) => `directory:${gridId}`;
const keptListSchema = z.array(z.uuid());

/** The grids whose directory this phone keeps (empty until chosen or defaulted). */
export async function keptGridIds(userId: string): Promise<string[] | null> {
  const kept = await getCached(userId, KEPT_LIST, keptListSchema).catch(() => undefined);
  return kept ? kept.value : null;
}

/** The kept directories, as stored (whatever their age). */
export async function keptPacks(userId: string): Promise<FieldPack[]> {
  const ids = (await keptGridIds(userId)) ?? [];
  const packs: FieldPack[] = [];
  for (const gridId of ids) {
    const kept = await getCached(userId, packKey(gridId), fieldPackSchema).catch(() => undefined);
    if (kept) packs.push(kept.value);
  }
  return packs;
}

/**
 * Keeps exactly these grids' directories: fetches each afresh and drops the grids no longer
 * chosen, so what the phone holds is the choice and nothing more.
 */
export async function keepGrids(
  userId: string,
  api: FieldApi,
  gridIds: readonly string[],
): Promise<FieldPack[]> {
  const chosen = gridIds.slice(0, MAX_KEPT_GRIDS);
  const packs: FieldPack[] = [];
  for (const gridId of chosen) {
    const pack = await api.gridDirectory(gridId);
    await putCached(userId, packKey(gridId), pack);
    packs.push(pack);
  }
  const before = (await keptGridIds(userId)) ?? [];
  for (const gone of before.filter((g) => !chosen.includes(g)))
    await fieldDb().cache.delete(`${userId}:${packKey(gone)}`);
  await putCached(userId, KEPT_LIST, chosen);
  return packs;
}

/**
 * The first time the field app runs online for this person, keeps their own grids (a grant
 * standing on the grid, or their visit team's) without being asked; afterwards only what they
 * choose. Someone with no own grid chooses on the find tab.
 */
export async function keepOwnGridsOnce(userId: string, api: FieldApi): Promise<void> {
  if ((await keptGridIds(userId)) !== null) return;
  const own = (await api.grids()).items.filter((g) => g.own).map((g) => g.id);
  await keepGrids(userId, api, own);
}

/** A household or enterprise of the kept grids, for a card that was never opened online. */
export async function keptTarget(
  userId: string,
  type: 'household' | 'enterprise',
  id: string,
): Promise<{ row: FieldHousehold | FieldEnterprise; savedAt: string } | null> {
  for (const pack of await keptPacks(userId)) {
    const row =
      type === 'household'
        ? pack.households.find((h) => h.id === id)
        : pack.enterprises.find((e) => e.id === id);
    if (row) return { row, savedAt: pack.generatedAt };
  }
  return null;
}
