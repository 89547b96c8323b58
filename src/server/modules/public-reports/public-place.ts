import type { Kysely } from 'kysely';
import { normalizePublicCode, publicCodeDistrict } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { perDatabase } from '../../db/per-database.ts';
import type { DB } from '../../db/schema.ts';
import { createAuthRepository } from '../auth/auth.repository.ts';
import { readAtVersion } from '../auth/versioned-cache.ts';
import { RetiredPublicCode } from '../public-codes/public-code-place.ts';
import { resolvePublicCode } from '../public-codes/resolve-public-code.ts';
import { createPublicReportRepository } from './public-reports.repository.ts';

/** Where a public report goes: the community or grid, and the estate when a code names one. */
export interface PublicPlace {
  districtCode: string;
  regionId: string;
  /** The community's or grid's path as read (a case copies it). */
  regionPath: string;
  /** The code the form was opened with (`/q/<code>`), canonical; null for `/report/<regionId>`. */
  code: string | null;
  estateName: string | null;
  /**
   * The district's auth version read for this request: what it reads next about the district (its
   * form settings, the dispatchers to notify) is kept under it (auth/versioned-cache.ts).
   */
  authVersion: number;
}

type Found = Omit<PublicPlace, 'authVersion'> | { retired: RetiredPublicCode };

const noSuchPlace = (field: 'regionId' | 'code') =>
  new AppError('VALIDATION_FAILED', 'This code does not belong to a community or grid.', {
    issues: [{ path: `body.${field}`, reason: 'reference', message: 'No such community or grid.' }],
  });

/**
 * The district of a region id, kept for good per database handle: a region never changes district
 * (a deleted one is then not found at the district's version). Bounded like versioned-cache.ts.
 */
const MAX_DISTRICTS_KEPT = 50_000;
const districtsOfRegions = perDatabase<string>();

/**
 * The place a report names, by region id (the old `/report/<id>` links) or by public code (C1,
 * `/q/<code>`). An unknown code is the same validation error as an unknown region; a retired one is
 * refused with 410 so the form can point to the new code.
 *
 * The district's auth version is read first (a code names its district; a region id's district is
 * kept), and a live place is kept under it (issue 16 §3): every write the place comes from bumps
 * the version (regions, a code retired, an estate renamed or removed). So a warm report reads the
 * version and nothing else before its statement. A retired code and an unknown place are read again
 * every time.
 */
export async function publicPlaceOf(
  db: Kysely<DB>,
  named: { regionId?: string | undefined; code?: string | undefined },
): Promise<PublicPlace> {
  const field = named.code === undefined ? 'regionId' : 'code';
  // Spellings of one code (case, spaces, O for 0) are one code, kept once.
  const code = named.code === undefined ? undefined : normalizePublicCode(named.code);
  if (code === null) throw noSuchPlace(field);
  const districtCode = code ? publicCodeDistrict(code) : await districtOfRegion(db, named.regionId);
  if (!districtCode) throw noSuchPlace(field);
  const authVersion = await createAuthRepository(db).authEpoch(districtCode);
  const found = await readAtVersion(
    db,
    { districtCode, authVersion },
    `public-place:${field}:${code ?? named.regionId}`,
    () => readPlace(db, districtCode, { code, regionId: named.regionId }),
    (place) => !('retired' in place),
  );
  if (!found) throw noSuchPlace(field);
  if ('retired' in found) throw found.retired;
  return { ...found, authVersion };
}

/** The district that holds a region id: read once, then kept. */
async function districtOfRegion(db: Kysely<DB>, regionId: string | undefined): Promise<string | null> {
  if (!regionId) return null;
  const kept = districtsOfRegions(db);
  const known = kept.get(regionId);
  if (known) return known;
  const region = await createPublicReportRepository(db).reportableRegion(regionId);
  if (!region) return null;
  if (kept.size >= MAX_DISTRICTS_KEPT) kept.delete(kept.keys().next().value as string);
  kept.set(regionId, region.district_code);
  return region.district_code;
}

async function readPlace(
  db: Kysely<DB>,
  districtCode: string,
  named: { regionId?: string | undefined; code?: string | undefined },
): Promise<Found | undefined> {
  const reports = createPublicReportRepository(db);
  if (named.code === undefined) {
    const region = named.regionId ? await reports.reportableRegion(named.regionId) : undefined;
    if (!region || region.district_code !== districtCode) return undefined;
    return {
      districtCode,
      regionId: region.id,
      regionPath: region.path,
      code: null,
      estateName: null,
    };
  }
  const resolved = await resolvePublicCode(db, named.code);
  if (!resolved) return undefined;
  // The same 410 as the code lookup's, naming the replacement (details.replacedBy).
  if (resolved.retiredAt) return { retired: new RetiredPublicCode(resolved.replacedBy) };
  const region = await reports.reportableRegion(resolved.regionId);
  if (!region || region.district_code !== resolved.districtCode) return undefined;
  const estateName = resolved.estateId
    ? ((await reports.estateName(resolved.districtCode, resolved.estateId)) ?? null)
    : null;
  return {
    districtCode,
    regionId: region.id,
    regionPath: region.path,
    code: resolved.code,
    estateName,
  };
}
