import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { LIST_TOTAL_CAP } from '../../../shared/domain/paging.ts';
import { codeTaken } from '../../db/coded-rows.repository.ts';
import type { DB } from '../../db/schema.ts';
import {
  afterKey,
  cappedPage,
  containsPattern,
  inScope,
  inSubtree,
  onSameDistrict,
  type Scope,
} from '../auth/scope.ts';

/**
 * The live members of household `h`, as a correlated subquery: a household is found by a member's
 * name or phone (the office's list and the field directory search alike).
 */
export function liveMembersOf(eb: ExpressionBuilder<DB & { h: DB['household'] }, 'h'>) {
  return eb
    .selectFrom('person as p')
    .select('p.id')
    .whereRef('p.district_code', '=', 'h.district_code')
    .whereRef('p.household_id', '=', 'h.id')
    .where('p.removed_at', 'is', null);
}

/** A household's own columns, as the modules that read or write households whole (imports, exports) name them. */
export interface HouseholdColumns {
  id: string;
  grid_id: string;
  region_path: string;
  code: string;
  address: string;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  tags: string[];
  /** WGS84, both or neither. */
  latitude: number | null;
  longitude: number | null;
}

/** A member's own columns besides the personal data, named likewise. */
export interface PersonColumns {
  id: string;
  household_id: string;
  name: string;
  gender: 'M' | 'F';
  birth_date: string;
  relationship: string;
}

/**
 * All SQL about households and their members, always within a data scope. Removed (moved-out)
 * households and members are kept for the retention job but never listed or shown.
 */
export function createHouseholdRepository(db: Kysely<DB>) {
  return {
    async list(
      scope: Scope,
      filter: {
        regionPath?: string;
        q?: string;
        /** Keyed hash of an ID number or phone the search text is: finds its household exactly. */
        personHash?: Uint8Array;
        tag?: string;
        /** Keyset: the rows after this (code, id). */
        after?: [string, string];
        /** A numbered page: rows skipped, at most LIST_TOTAL_CAP (shared/domain/paging.ts). */
        offset?: number;
        limit: number;
      },
    ) {
      let base = db
        .selectFrom('household as h')
        .where((eb) => inScope(eb, 'h.region_path', 'h.district_code', scope))
        .where('h.removed_at', 'is', null);
      if (filter.regionPath) {
        const path = filter.regionPath;
        base = base.where((eb) => inSubtree(eb, 'h.region_path', path));
      }
      if (filter.q) {
        const q = containsPattern(filter.q);
        const hash = filter.personHash;
        // Address, household code or a member's name; an ID number or phone only exactly, by hash.
        base = base.where((eb) => {
          const member = liveMembersOf(eb);
          return eb.or([
            eb('h.address', 'like', q),
            eb('h.code', 'like', q),
            eb.exists(member.where('p.name', 'like', q)),
            ...(hash
              ? [
                  eb.exists(
                    member.where((m) =>
                      m.or([m('p.id_number_hash', '=', hash), m('p.phone_hash', '=', hash)]),
                    ),
                  ),
                ]
              : []),
          ]);
        });
      }
      if (filter.tag) {
        const tag = filter.tag;
        base = base.where(sql<boolean>`${tag} = any(h.tags)`);
      }
      const counted = await db
        .selectFrom(
          base
            .select('h.id')
            .limit(LIST_TOTAL_CAP + 1)
            .as('t'),
        )
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirst();
      let page = base
        .innerJoin('region as g', onSameDistrict('g.id', 'h.grid_id'))
        .select([
          'h.id',
          'h.code',
          'h.address',
          'h.grid_id',
          'g.name as grid_name',
          'h.tags',
          'h.is_key',
          'h.last_visit_at',
          (eb) =>
            eb
              .selectFrom('person as p')
              .whereRef('p.district_code', '=', 'h.district_code')
              .whereRef('p.household_id', '=', 'h.id')
              .where('p.removed_at', 'is', null)
              .select((e) => e.fn.countAll<number>().as('n'))
              .as('member_count'),
        ])
        .orderBy('h.code')
        .orderBy('h.id')
        .limit(filter.limit + 1);
      if (filter.after) {
        const after = filter.after;
        page = page.where((eb) => afterKey(eb, 'h.code', 'h.id', after));
      }
      if (filter.offset) page = page.offset(filter.offset);
      return cappedPage(await page.execute(), filter.limit, counted?.n);
    },

    /**
     * A live household in the scope, or undefined (outside the scope, removed, or unknown). With
     * `liveAt`, one removed after that instant is found too: a visit made before it moved out.
     */
    findInScope(scope: Scope, id: string, liveAt?: Date) {
      return db
        .selectFrom('household as h')
        .innerJoin('region as g', onSameDistrict('g.id', 'h.grid_id'))
        .select([
          'h.id',
          'h.code',
          'h.address',
          'h.estate',
          'h.building',
          'h.unit',
          'h.room',
          'h.grid_id',
          'g.name as grid_name',
          'h.latitude',
          'h.longitude',
          'h.tags',
          'h.tag_levels',
          'h.is_key',
          'h.removed_at',
          'h.region_path',
          'h.district_code',
        ])
        .where('h.id', '=', id)
        .where((eb) =>
          liveAt === undefined
            ? eb('h.removed_at', 'is', null)
            : eb.or([eb('h.removed_at', 'is', null), eb('h.removed_at', '>', liveAt)]),
        )
        .where((eb) => inScope(eb, 'h.region_path', 'h.district_code', scope))
        .executeTakeFirst();
    },

    /** The live members of a household. */
    members(districtCode: string, householdId: string) {
      return db
        .selectFrom('person')
        .select(['id', 'name', 'gender', 'birth_date', 'relationship', 'id_number_enc', 'phone_enc'])
        .where('district_code', '=', districtCode)
        .where('household_id', '=', householdId)
        .where('removed_at', 'is', null)
        .orderBy('birth_date')
        .orderBy('id')
        .execute();
    },

    // ----- writes (called with the use case's transaction) -----

    codeTaken(districtCode: string, code: string): Promise<boolean> {
      return codeTaken(db, 'household', districtCode, code);
    },

    /** Codes of the district that start with `prefix` (removed ones too: codes are never reused). */
    async codesWithPrefix(districtCode: string, prefix: string): Promise<string[]> {
      const rows = await db
        .selectFrom('household')
        .select('code')
        .where('district_code', '=', districtCode)
        .where(sql<string>`substr(code, 1, ${prefix.length})`, '=', prefix)
        .execute();
      return rows.map((r) => r.code);
    },

    insertHousehold(
      row: HouseholdColumns & { district_code: string; tag_levels: Record<string, string>; is_key: boolean },
    ) {
      return db
        .insertInto('household')
        .values({ ...row, tag_levels: JSON.stringify(row.tag_levels) })
        .execute();
    },

    updateHousehold(
      districtCode: string,
      id: string,
      changes: {
        grid_id?: string;
        region_path?: string;
        address?: string;
        estate?: string | null;
        building?: string | null;
        unit?: string | null;
        room?: string | null;
        tags?: string[];
        tag_levels?: Record<string, string>;
        is_key?: boolean;
        latitude?: number | null;
        longitude?: number | null;
      },
    ) {
      const { tag_levels, ...rest } = changes;
      return db
        .updateTable('household')
        .set({
          ...rest,
          ...(tag_levels ? { tag_levels: JSON.stringify(tag_levels) } : {}),
          updated_at: new Date(),
        })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    /** Marks a household and its live members as moved out. */
    async removeHousehold(districtCode: string, id: string, at: Date) {
      await db
        .updateTable('person')
        .set({ removed_at: at, updated_at: at })
        .where('district_code', '=', districtCode)
        .where('household_id', '=', id)
        .where('removed_at', 'is', null)
        .execute();
      await db
        .updateTable('household')
        .set({ removed_at: at, updated_at: at })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    /** A live member of a household, with the encrypted fields (for consistency checks). */
    findMember(districtCode: string, householdId: string, memberId: string) {
      return db
        .selectFrom('person')
        .select(['id', 'name', 'gender', 'birth_date', 'relationship', 'id_number_enc', 'phone_enc'])
        .where('district_code', '=', districtCode)
        .where('household_id', '=', householdId)
        .where('id', '=', memberId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
    },

    /** Who holds an ID number (by its keyed hash) in the district, removed people included. */
    findByIdNumberHash(districtCode: string, hash: Uint8Array) {
      return db
        .selectFrom('person')
        .select(['id', 'removed_at'])
        .where('district_code', '=', districtCode)
        .where('id_number_hash', '=', hash)
        .executeTakeFirst();
    },

    /**
     * A removed person gives up the lookup hash of their ID number when the number is registered
     * again (someone who moved out and back, or into another household); the ciphertext stays.
     */
    releaseIdNumberHash(districtCode: string, personId: string) {
      return db
        .updateTable('person')
        .set({ id_number_hash: null })
        .where('district_code', '=', districtCode)
        .where('id', '=', personId)
        .where('removed_at', 'is not', null)
        .execute();
    },

    insertPerson(
      row: PersonColumns & {
        district_code: string;
        id_number_enc: Uint8Array | null;
        id_number_hash: Uint8Array | null;
        phone_enc: Uint8Array | null;
        phone_hash: Uint8Array | null;
        phone_last4?: string | null;
      },
    ) {
      return db.insertInto('person').values(row).execute();
    },

    updatePerson(
      districtCode: string,
      id: string,
      changes: {
        name?: string;
        gender?: 'M' | 'F';
        birth_date?: string;
        relationship?: string;
        id_number_enc?: Uint8Array | null;
        id_number_hash?: Uint8Array | null;
        phone_enc?: Uint8Array | null;
        phone_hash?: Uint8Array | null;
        phone_last4?: string | null;
      },
    ) {
      return db
        .updateTable('person')
        .set({ ...changes, updated_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    removePerson(districtCode: string, id: string, at: Date) {
      return db
        .updateTable('person')
        .set({ removed_at: at, updated_at: at })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },
  };
}

export type HouseholdRepository = ReturnType<typeof createHouseholdRepository>;
