import { type Kysely, sql } from 'kysely';
import { DEFAULT_TAGS, type TagDefinition, type TagSubject } from '../../../shared/domain/tags.ts';
import type { DB } from '../../db/schema.ts';

/**
 * All SQL about the tag lists. A district that never edited a list has no rows for it and uses
 * DEFAULT_TAGS; saving a list stores the district's whole list for that subject.
 */
export function createTagRepository(db: Kysely<DB>) {
  return {
    async list(districtCode: string, subject: TagSubject): Promise<TagDefinition[]> {
      const rows = await db
        .selectFrom('tag_definition')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('subject', '=', subject)
        .orderBy('sort_order')
        .orderBy('code')
        .execute();
      if (rows.length === 0) return DEFAULT_TAGS.filter((t) => t.subject === subject);
      return rows.map((r) => ({
        subject: r.subject,
        code: r.code,
        name: r.name,
        nameEn: r.name_en,
        hasLevel: r.has_level,
        marksKey: r.marks_key,
        active: r.active,
        sortOrder: r.sort_order,
      }));
    },

    /** Replaces the district's list for one subject, in the caller's transaction. */
    async replace(
      trx: Kysely<DB>,
      districtCode: string,
      subject: TagSubject,
      tags: readonly TagDefinition[],
    ) {
      await trx
        .deleteFrom('tag_definition')
        .where('district_code', '=', districtCode)
        .where('subject', '=', subject)
        .execute();
      if (tags.length === 0) return;
      await trx
        .insertInto('tag_definition')
        .values(
          tags.map((t) => ({
            district_code: districtCode,
            subject,
            code: t.code,
            name: t.name,
            name_en: t.nameEn,
            has_level: t.hasLevel,
            marks_key: t.marksKey,
            active: t.active,
            sort_order: t.sortOrder,
          })),
        )
        .execute();
    },

    /** How many live records of the district carry each of `codes` (codes no record carries are left out). */
    async usage(
      districtCode: string,
      subject: TagSubject,
      codes: readonly string[],
    ): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      if (codes.length === 0) return counts;
      const table = subject === 'household' ? sql.table('household') : sql.table('enterprise');
      const rows = await sql<{ code: string; n: number }>`
        select t.code, count(*)::int as n
        from ${table} r cross join unnest(${[...codes]}::text[]) as t(code)
        where r.district_code = ${districtCode} and r.removed_at is null and t.code = any(r.tags)
        group by t.code`.execute(db);
      for (const row of rows.rows) counts.set(row.code, Number(row.n));
      return counts;
    },

    /**
     * Keeps household.is_key equal to "some tag marks a key household" after the list changed:
     * one set-based statement over the district, touching only the rows that change.
     */
    async recomputeKeyHouseholds(districtCode: string, keyCodes: readonly string[]): Promise<number> {
      const marks = sql<boolean>`(tags && ${[...keyCodes]}::text[])`;
      const result = await db
        .updateTable('household')
        .set({ is_key: marks, updated_at: new Date() })
        .where('district_code', '=', districtCode)
        .where(sql<boolean>`is_key <> ${marks}`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type TagRepository = ReturnType<typeof createTagRepository>;
