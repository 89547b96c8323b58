import type { Kysely } from 'kysely';
import type { AssessmentRules } from '../../../shared/domain/assessment-rules.ts';
import type { DB } from '../../db/schema.ts';

export interface StoredAssessmentRules {
  rules: AssessmentRules;
  updatedAt: Date | null;
}

/** All SQL of a district's assessment rules: one row per district, none for the defaults. */
export function createAssessmentRepository(db: Kysely<DB>) {
  return {
    async find(districtCode: string): Promise<StoredAssessmentRules | undefined> {
      const row = await db
        .selectFrom('assessment_rule')
        .select(['month_start_day', 'basically_satisfied_weight', 'ratings', 'updated_at'])
        .where('district_code', '=', districtCode)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        rules: {
          monthStartDay: Number(row.month_start_day),
          basicallySatisfiedWeight: Number(row.basically_satisfied_weight),
          ratings: row.ratings as AssessmentRules['ratings'],
        },
        updatedAt: row.updated_at,
      };
    },

    /** The districts whose assessment month starts on another day than `day`. */
    async monthStartsOtherThan(day: number): Promise<Set<string>> {
      const rows = await db
        .selectFrom('assessment_rule')
        .select('district_code')
        .where('month_start_day', '<>', day)
        .execute();
      return new Set(rows.map((r) => r.district_code));
    },

    /** Writes the district's rules (one row, replaced on each change). */
    async save(districtCode: string, rules: AssessmentRules, by: string, at: Date): Promise<void> {
      const values = {
        month_start_day: rules.monthStartDay,
        basically_satisfied_weight: rules.basicallySatisfiedWeight,
        ratings: rules.ratings,
        updated_at: at,
        updated_by: by,
      };
      await db
        .insertInto('assessment_rule')
        .values({ district_code: districtCode, ...values })
        .onConflict((oc) => oc.column('district_code').doUpdateSet(values))
        .execute();
    },
  };
}
