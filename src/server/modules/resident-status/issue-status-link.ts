import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { statusPath } from '../../../shared/domain/resident-status.ts';
import type { DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import { createNotificationRepository } from '../notifications/notifications.repository.ts';
import { CASE_REPORTER } from '../notifications/notify-case.ts';
import { createResidentStatusRepository } from './resident-status.repository.ts';
import { newStatusToken } from './status-token.ts';

/** The outbox topic of the text message that brings a resident their status link. */
export const STATUS_LINK_TOPIC = 'case.status_link';

/**
 * Gives the resident of a new case a status link (issue 15 §2), in the caller's transaction: a
 * token of which only the hash is kept, and — when the resident left a phone — a text message.
 *
 * The outbox message names the link, not the token: delivery mints a sibling token for the same
 * case when it sends (sibling-token.ts, src/server/jobs/outbox-delivery.ts), so no table ever
 * holds a working token and no key is needed here; a link revoked before the text goes out is not
 * sent. The phone itself is read from the case at delivery, as for every text to the reporter
 * (CASE_REPORTER). `linkId` names the link for a later sibling (an idempotent replay).
 */
export async function issueStatusLink(
  trx: Kysely<DB>,
  input: { districtCode: string; caseId: string; caseNumber: string; phone: string | null; now: Date },
  /** The case's held writes, when the link is written with the case (db/write-batch.ts). */
  batch?: WriteBatch,
): Promise<{ token: string; path: string; linkId: string }> {
  const { token, hash } = newStatusToken(input.districtCode);
  const id = uuidv7();
  await createResidentStatusRepository(trx).insertLink(
    {
      district_code: input.districtCode,
      id,
      case_id: input.caseId,
      token_hash: hash,
      created_at: input.now,
    },
    batch,
  );
  if (input.phone) {
    await createNotificationRepository(trx).insertOutbox(
      [
        {
          district_code: input.districtCode,
          id: uuidv7(),
          channel: 'sms',
          topic: STATUS_LINK_TOPIC,
          case_id: input.caseId,
          recipient: CASE_REPORTER,
          next_attempt_at: input.now,
          payload: JSON.stringify({ number: input.caseNumber, linkId: id }),
        },
      ],
      batch,
    );
  }
  return { token, path: statusPath(token), linkId: id };
}
