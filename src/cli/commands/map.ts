import fs from 'node:fs';
import { importBoundariesBelow } from '../../server/modules/map/import-boundaries.ts';
import { createMapRepository } from '../../server/modules/map/map.repository.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { featureCollectionSchema } from '../../shared/map/geojson.ts';
import { withDistrict } from '../district-database.ts';

/**
 * `minqing map import <file>`: grid boundaries from a GeoJSON FeatureCollection, matched to the
 * grids below a region (the district by default) by a property, with the same report as the API
 * (docs/guides/operator "The grid map"). `--dry-run` only reports.
 */
export async function mapImportCommand(
  file: string,
  options: { district?: string; region?: string; matchBy?: string; property?: string; dryRun?: boolean },
): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError('BAD_REQUEST', `No such file: ${file}`);
  const matchBy = options.matchBy ?? 'code';
  if (matchBy !== 'code' && matchBy !== 'name')
    throw new AppError('BAD_REQUEST', '--match-by must be code or name.');
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('BAD_REQUEST', `${file} is not JSON.`);
  }
  const collection = featureCollectionSchema.safeParse(json);
  if (!collection.success) throw new AppError('BAD_REQUEST', `${file} is not a GeoJSON FeatureCollection.`);

  await withDistrict(options.district, async (database, districtCode) => {
    const code = options.region ?? districtCode;
    const region = await createMapRepository(database.db).regionByCode(districtCode, code);
    if (!region) throw new AppError('NOT_FOUND', `No region with code ${code} in district ${districtCode}.`);
    const report = await importBoundariesBelow(
      database.db,
      { districtCode, username: 'cli', sourceIp: null },
      districtCode,
      region,
      { matchBy, property: options.property, dryRun: options.dryRun === true, collection: collection.data },
    );
    const lines = [
      `${report.dryRun ? 'Dry run' : 'Imported'} below ${region.name}: ${report.features} features, ${report.matched.length} matched, ${report.written} written.`,
      ...report.unmatched.map(
        (u) => `  unmatched feature #${u.featureIndex} (${u.key ?? 'no key'}): ${u.reason}`,
      ),
      ...report.invalid.map(
        (i) => `  invalid feature #${i.featureIndex} (${i.key ?? 'no key'}): ${i.problem}`,
      ),
      ...report.duplicates.map(
        (d) => `  duplicate feature #${d.featureIndex} (${d.key}): the first one counts`,
      ),
      `${report.gridsWithoutBoundary.length} grids without a boundary${
        report.gridsWithoutBoundary.length
          ? `: ${report.gridsWithoutBoundary
              .slice(0, 20)
              .map((g) => g.code)
              .join(', ')}${report.gridsWithoutBoundary.length > 20 ? ', …' : ''}`
          : ''
      }`,
    ];
    console.log(lines.join('\n'));
  });
}
