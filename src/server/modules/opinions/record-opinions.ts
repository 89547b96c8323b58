import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { OpinionInput } from '../../../shared/domain/opinion.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { createOpinionRepository } from './opinions.repository.ts';

/**
 * Writes the opinions heard on a visit, in the visit's transaction (its `visit.recorded` audit row
 * counts them): each placed where the visit's target lies. A category must be an active one of the
 * district, else the whole visit is refused like any other bad reference. Returns their ids.
 */
export async function recordOpinions(
  trx: Kysely<DB>,
  visit: {
    districtCode: string;
    id: string;
    regionId: string;
    regionPath: string;
    recordedBy: string;
    at: Date;
  },
  opinions: readonly OpinionInput[],
): Promise<string[]> {
  if (opinions.length === 0) return [];
  const repo = createOpinionRepository(trx);
  const named = [...new Set(opinions.flatMap((o) => (o.categoryId ? [o.categoryId] : [])))];
  const active = await repo.activeCategories(visit.districtCode, named);
  opinions.forEach((o, index) => {
    if (o.categoryId && !active.has(o.categoryId)) {
      const message = 'No such active category.';
      throw new AppError('VALIDATION_FAILED', message, {
        issues: [{ path: `body.opinions.${index}.categoryId`, reason: 'reference', message }],
      });
    }
  });
  const rows = opinions.map((o) => ({
    district_code: visit.districtCode,
    id: uuidv7(),
    visit_id: visit.id,
    region_id: visit.regionId,
    region_path: visit.regionPath,
    text: o.text,
    category_id: o.categoryId ?? null,
    recorded_by: visit.recordedBy,
    recorded_at: visit.at,
  }));
  await repo.insert(rows);
  return rows.map((r) => r.id);
}
