import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import type { CreateVisit, SyncBatch } from '../../src/shared/domain/visit.ts';

/**
 * What a grid worker's synced visits go to: the households of the region their role covers (by
 * id) and the active subcategories of their district their issues are filed under (by path).
 */
export async function visitTargets(db: Kysely<DB>, username: string) {
  const worker = await db
    .selectFrom('app_user as u')
    .innerJoin('role_grant as g', (j) =>
      j.onRef('g.district_code', '=', 'u.district_code').onRef('g.user_id', '=', 'u.id'),
    )
    .innerJoin('region as r', (j) =>
      j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
    )
    .select(['u.district_code', 'r.path'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  const households = await db
    .selectFrom('household')
    .select('id')
    .where('district_code', '=', worker.district_code)
    .where('region_path', 'like', `${worker.path}.%`)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  const categories = await db
    .selectFrom('case_category')
    .select('id')
    .where('district_code', '=', worker.district_code)
    .where('parent_id', 'is not', null)
    .where('active', '=', true)
    .orderBy('path')
    .execute();
  return { households, categories };
}

/**
 * What the two sync benches fill in differently: sync.ts sends real client and household ids from
 * its own process; sync-production.ts sends one template whose load-generator variables
 * (`{{uuid}}`, `{{h0}}`…) the load generator fills per request.
 */
export interface VisitSource {
  clientId: (i: number) => string;
  householdId: (i: number) => string;
  /** Subcategories the issues are filed under in turn; with none an issue has no category. */
  categories: readonly { id: string }[];
  /**
   * Spread the check-in's longitude and the services over the visits (sync.ts), or keep them the
   * same in every visit (sync-production.ts), as each bench's recorded figures were measured.
   */
  spread: boolean;
}

/**
 * A batch of `size` routine household visits numbered from `first`, as the field app syncs them:
 * 1 in 5 visits raises an issue (2 in 5 of those resolved on the spot), 3 in 4 check in.
 */
export function visitBatch(first: number, size: number, source: VisitSource): SyncBatch {
  return { visits: Array.from({ length: size }, (_, k) => benchVisit(first + k, source)) };
}

function benchVisit(i: number, source: VisitSource): { clientId: string; visit: CreateVisit } {
  const { categories, spread } = source;
  const started = Date.now() - (1 + (i % 72)) * 3_600_000;
  const issue = i % 5 === 2;
  const onSpot = issue && i % 25 < 10;
  return {
    clientId: source.clientId(i),
    visit: {
      form: 'routine',
      target: { type: 'household', householdId: source.householdId(i) },
      companionIds: [],
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(started + 25 * 60_000).toISOString(),
      ...(i % 4 !== 0
        ? {
            checkIn: {
              latitude: 30.18 + (i % 100) * 1e-5,
              longitude: spread ? 120.27 + (i % 50) * 1e-5 : 120.27,
              accuracy: 12,
            },
          }
        : {}),
      notes: '入户走访，了解家庭近况，宣传垃圾分类和防范电信诈骗知识。',
      services: spread && i % 3 === 0 ? ['policy_explained', 'safety_check'] : ['policy_explained'],
      issues: issue
        ? [
            {
              title: '楼道堆放杂物影响通行',
              description: '住户反映楼道内长期堆放纸箱和旧家具，存在消防隐患，希望社区协调清理。',
              kind: 'complaint',
              urgency: 'ordinary',
              listType: 'problem',
              ...(categories.length > 0
                ? { categoryId: (categories[i % categories.length] as { id: string }).id }
                : {}),
              resolvedOnSpot: onSpot,
              ...(onSpot ? { resolution: '当场联系楼长和住户，杂物已清理。' } : {}),
            },
          ]
        : [],
      opinions: [],
    },
  };
}
