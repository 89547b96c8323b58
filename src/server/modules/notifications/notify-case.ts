import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CaseAction } from '../../../shared/cases/workflow.ts';
import type { DB } from '../../db/schema.ts';
import type { CaseRow } from '../cases/cases.repository.ts';

export interface CaseChange {
  row: CaseRow;
  /** A workflow action, or `submit` for a new case. */
  action: CaseAction | 'submit';
  actorId: string | null;
  now: Date;
}

/**
 * Writes the outbox messages a change of a case causes, in the change's own transaction, so a
 * notification is sent if and only if the change committed.
 */
export async function enqueueCaseNotifications(trx: Kysely<DB>, change: CaseChange): Promise<void> {
  const { row } = change;
  await trx
    .insertInto('outbox_message')
    .values({
      district_code: row.district_code,
      id: uuidv7(),
      channel: 'webhook',
      topic: `case.${change.action}`,
      case_id: row.id,
      recipient: null,
      payload: JSON.stringify({ id: row.id, number: row.number, state: row.state, version: row.version }),
      next_attempt_at: change.now,
    })
    .execute();
}
