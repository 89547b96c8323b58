import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { RetiredPublicCode } from '../public-codes/public-code-place.ts';
import { resolvePublicCode } from '../public-codes/resolve-public-code.ts';
import { createPublicReportRepository } from './public-reports.repository.ts';

/** Where a public report goes: the community or grid, and the estate when a code names one. */
export interface PublicPlace {
  districtCode: string;
  regionId: string;
  /** The code the form was opened with (`/q/<code>`), canonical; null for `/report/<regionId>`. */
  code: string | null;
  estateName: string | null;
}

const noSuchPlace = (field: 'regionId' | 'code') =>
  new AppError('VALIDATION_FAILED', 'This code does not belong to a community or grid.', {
    issues: [{ path: `body.${field}`, reason: 'reference', message: 'No such community or grid.' }],
  });

/**
 * The place a report names, by region id (the old `/report/<id>` links) or by public code (C1,
 * `/q/<code>`). An unknown code is the same validation error as an unknown region; a retired one is
 * refused with 410 so the form can point to the new code.
 */
export async function publicPlaceOf(
  db: Kysely<DB>,
  named: { regionId?: string | undefined; code?: string | undefined },
): Promise<PublicPlace> {
  const reports = createPublicReportRepository(db);
  if (named.code === undefined) {
    const region = named.regionId ? await reports.reportableRegion(named.regionId) : undefined;
    if (!region) throw noSuchPlace('regionId');
    return { districtCode: region.district_code, regionId: region.id, code: null, estateName: null };
  }
  const resolved = await resolvePublicCode(db, named.code);
  if (!resolved) throw noSuchPlace('code');
  // The same 410 as the code lookup's, naming the replacement (details.replacedBy).
  if (resolved.retiredAt) throw new RetiredPublicCode(resolved.replacedBy);
  const region = await reports.reportableRegion(resolved.regionId);
  if (!region || region.district_code !== resolved.districtCode) throw noSuchPlace('code');
  const estateName = resolved.estateId
    ? ((await reports.estateName(resolved.districtCode, resolved.estateId)) ?? null)
    : null;
  return { districtCode: region.district_code, regionId: region.id, code: resolved.code, estateName };
}
