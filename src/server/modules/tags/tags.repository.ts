import type { Kysely } from 'kysely';
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
  };
}

export type TagRepository = ReturnType<typeof createTagRepository>;
