import type { Kysely } from 'kysely';
import { KEY_RECORD_HISTORY, type KeyInfo, type Plan } from '../../../shared/domain/key-household.ts';
import type { DB } from '../../db/schema.ts';
import { createKeyHouseholdRepository } from './key-households.repository.ts';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** A key household's "五个要" records (newest first, at most KEY_RECORD_HISTORY) and its plans. */
export async function keyInfo(
  db: Kysely<DB>,
  household: { id: string; district_code: string; is_key: boolean },
): Promise<KeyInfo> {
  const repo = createKeyHouseholdRepository(db);
  const districtCode = household.district_code;
  const records = await repo.records(districtCode, household.id, KEY_RECORD_HISTORY);
  const recordCount = await repo.recordCount(districtCode, household.id);
  const plans = await repo.plans(districtCode, household.id);
  const followUps = await repo.followUps(
    districtCode,
    plans.map((p) => p.id),
  );
  const history = records.map((r) => ({
    id: r.id,
    basicSituation: r.basic_situation,
    livingConditions: r.living_conditions,
    stateOfMind: r.state_of_mind,
    contact: r.contact,
    helpInPlace: r.help_in_place,
    recordedAt: iso(r.recorded_at),
    recordedBy: { id: r.recorded_by, displayName: r.display_name },
  }));
  return {
    householdId: household.id,
    isKey: household.is_key,
    latest: history[0] ?? null,
    history,
    recordCount,
    plans: plans.map(
      (p): Plan => ({
        id: p.id,
        measures: p.measures,
        owner: { id: p.owner_user_id, displayName: p.display_name },
        status: p.status,
        createdAt: iso(p.created_at),
        updatedAt: iso(p.updated_at),
        followUps: followUps
          .filter((f) => f.plan_id === p.id)
          .map((f) => ({
            id: f.id,
            dueDate: f.due_date,
            doneAt: f.done_at ? iso(f.done_at) : null,
            doneBy: f.done_by ? { id: f.done_by, displayName: f.display_name ?? '' } : null,
            note: f.note,
          })),
      }),
    ),
  };
}
