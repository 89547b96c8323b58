import type { Kysely } from 'kysely';
import { TERMINAL_STATES } from '../../../shared/cases/workflow.ts';
import type { DB } from '../../db/schema.ts';
import { type CaseScope, caseInScope, inSubtree } from '../auth/scope.ts';

/** At most this many candidate cases are scored for duplicates (the newest). */
export const DUPLICATE_CANDIDATE_CAP = 500;

/** Degrees of latitude per metre: the box the SQL prefilters "nearby" with before exact distance. */
const DEGREES_PER_METRE = 1 / 111_000;

export interface SuggestionSubject {
  district_code: string;
  id: string;
  title: string;
  description: string;
  category_id: string | null;
  region_id: string;
  region_path: string;
  level: number;
  latitude: number | null;
  longitude: number | null;
}

export interface DuplicateCandidate {
  id: string;
  number: string;
  title: string;
  description: string;
  state: string;
  region_id: string;
  region_path: string;
  latitude: number | null;
  longitude: number | null;
  created_at: Date;
}

/** SQL for dispatch and duplicate suggestions. */
export function createCaseSuggestionRepository(db: Kysely<DB>) {
  return {
    async findInScope(scope: CaseScope, id: string): Promise<SuggestionSubject | undefined> {
      return db
        .selectFrom('case_record as c')
        .select([
          'c.district_code',
          'c.id',
          'c.title',
          'c.description',
          'c.category_id',
          'c.region_id',
          'c.region_path',
          'c.level',
          'c.latitude',
          'c.longitude',
        ])
        .where('c.district_code', '=', scope.districtCode)
        .where('c.id', '=', id)
        .where((eb) => caseInScope(eb, 'c', scope))
        .executeTakeFirst();
    },

    /** The case's category and its parent (the only ones an owner can come from). */
    async categoryLine(districtCode: string, categoryId: string) {
      const own = await db
        .selectFrom('case_category')
        .select(['id', 'parent_id', 'department_id'])
        .where('district_code', '=', districtCode)
        .where('id', '=', categoryId)
        .executeTakeFirst();
      if (!own) return [];
      if (!own.parent_id) return [own];
      const parent = await db
        .selectFrom('case_category')
        .select(['id', 'parent_id', 'department_id'])
        .where('district_code', '=', districtCode)
        .where('id', '=', own.parent_id)
        .executeTakeFirst();
      return parent ? [own, parent] : [own];
    },

    async departments(districtCode: string, ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .selectFrom('department as d')
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'd.district_code').onRef('r.id', '=', 'd.region_id'),
        )
        .select(['d.id', 'd.name', 'd.active', 'r.path as region_path'])
        .where('d.district_code', '=', districtCode)
        .where('d.id', 'in', ids)
        .execute();
    },

    /** The community a path lies in (or the node itself when it is a community or a grid above none). */
    async areaOf(districtCode: string, path: string) {
      const prefixes = path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
      const nodes = await db
        .selectFrom('region')
        .select(['id', 'name', 'level', 'path'])
        .where('district_code', '=', districtCode)
        .where('path', 'in', prefixes)
        .execute();
      return nodes.find((n) => n.level === 'community') ?? null;
    },

    /**
     * Open, unmerged cases created since `since` below `areaPath` (the case's community) or within
     * a box of about `metres` around the case, newest first, that the caller may see. Scoring and
     * the exact distance are the caller's.
     */
    async duplicateCandidates(
      scope: CaseScope,
      subject: SuggestionSubject,
      options: { areaPath: string; since: Date; metres: number },
    ): Promise<DuplicateCandidate[]> {
      const { latitude: lat, longitude: lon } = subject;
      const dLat = options.metres * DEGREES_PER_METRE;
      const dLon = lat === null ? 0 : dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
      return db
        .selectFrom('case_record as c')
        .select([
          'c.id',
          'c.number',
          'c.title',
          'c.description',
          'c.state',
          'c.region_id',
          'c.region_path',
          'c.latitude',
          'c.longitude',
          'c.created_at',
        ])
        .where('c.district_code', '=', subject.district_code)
        .where('c.id', '!=', subject.id)
        .where('c.state', 'not in', [...TERMINAL_STATES])
        .where('c.merged_into_id', 'is', null)
        .where('c.created_at', '>=', options.since)
        .where((eb) => {
          const near = [inSubtree(eb, 'c.region_path', options.areaPath)];
          if (lat !== null && lon !== null) {
            near.push(
              eb.and([
                eb('c.latitude', '>=', lat - dLat),
                eb('c.latitude', '<=', lat + dLat),
                eb('c.longitude', '>=', lon - dLon),
                eb('c.longitude', '<=', lon + dLon),
              ]),
            );
          }
          return eb.or(near);
        })
        .where((eb) => caseInScope(eb, 'c', scope))
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(DUPLICATE_CANDIDATE_CAP)
        .execute();
    },
  };
}
