import { makeEntryLink } from '../../server/modules/public-reports/make-entry-link.ts';
import { createRegionRepository } from '../../server/modules/regions/regions.repository.ts';
import { entryLinkRequestSchema } from '../../shared/domain/public-entry.ts';
import { withKeyedDatabase } from '../keyed-database.ts';

/**
 * `minqing admin entry-link`: a signed entry link of the public form for another channel (e.g. the
 * WeChat official account's menu), as `POST /api/v1/public-intake/entry-links` makes it; audited
 * with the actor `cli`.
 */
export async function entryLinkCommand(options: { channel: string; path: string; district?: string }) {
  const input = entryLinkRequestSchema.parse({ channel: options.channel, path: options.path });
  await withKeyedDatabase(async (database, cipher) => {
    const district = options.district ?? (await createRegionRepository(database.db).firstDistrict())?.code;
    if (!district) throw Object.assign(new Error('Give --district <6-digit code>.'), { name: 'SeedError' });
    const link = await makeEntryLink(
      database.db,
      cipher,
      { districtCode: district, username: 'cli', sourceIp: null },
      input,
    );
    console.log(link.path);
  });
}
