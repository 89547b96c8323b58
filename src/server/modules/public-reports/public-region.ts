import type { Kysely } from 'kysely';
import type { PublicRegion } from '../../../shared/domain/public-report.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { publicIntakeSettings } from './public-intake-settings.ts';
import { createPublicReportRepository } from './public-reports.repository.ts';

/**
 * Where a QR code reports to, for the form's heading: names only, and only communities and grids;
 * and whether its district asks for an SMS code (the form then offers to send one).
 */
export async function publicRegion(db: Kysely<DB>, id: string): Promise<PublicRegion> {
  const region = await createPublicReportRepository(db).reportableRegion(id);
  if (!region) throw new AppError('NOT_FOUND', 'No such community or grid.');
  const crumbs = await createRegionRepository(db).pathNodes(region.district_code, region.path);
  return {
    name: region.name,
    level: region.level as PublicRegion['level'],
    path: crumbs.map((c) => c.name),
    phoneVerification: (await publicIntakeSettings(db, region.district_code)).phoneVerification,
  };
}
