import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { PublicReport } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { audit } from '../audit/audit.ts';
import { nextCaseNumber } from '../cases/case-numbers.ts';
import { type CaseRow, createCaseRepository } from '../cases/cases.repository.ts';
import { idempotent } from '../cases/idempotency.ts';
import { INTAKE_LEVEL } from '../cases/submit-case.ts';
import { enqueueCaseNotifications } from '../notifications/notify-case.ts';
import { createPublicReportRepository } from './public-reports.repository.ts';

export interface PublicReportContext {
  db: Kysely<DB>;
  cipher: PiiCipher;
  sourceIp: string | null;
  now: Date;
  /** The client's Idempotency-Key, already checked for format. */
  idempotencyKey: string | undefined;
  idempotencyDays: number;
}

/** Idempotency keys of the public form belong to no account: one owner per district. */
const PUBLIC_OWNER = 'public';

const noSuchPlace = () =>
  new AppError('VALIDATION_FAILED', 'This code does not belong to a community or grid.', {
    issues: [{ path: 'body.regionId', reason: 'reference', message: 'No such community or grid.' }],
  });

/**
 * A resident's own report from the QR code form (channel self_report): a new case in the district
 * that holds the code's community or grid, submitted for the street's dispatcher. Nobody is signed
 * in, so the case has no submitter and no first responder yet (the dispatcher who accepts it
 * becomes that). The resident gets only the case number back, to quote when they call.
 */
export async function reportPublicly(
  ctx: PublicReportContext,
  body: PublicReport,
): Promise<{ number: string }> {
  const region = await createPublicReportRepository(ctx.db).reportableRegion(body.regionId);
  if (!region) throw noSuchPlace();
  const districtCode = region.district_code;
  const result = await idempotent<{ number: string }>(
    ctx.db,
    {
      ref: { districtCode, owner: PUBLIC_OWNER },
      key: ctx.idempotencyKey,
      body,
      days: ctx.idempotencyDays,
      status: 201,
    },
    async (complete) => {
      const number = await nextCaseNumber(ctx.db, districtCode, ctx.now);
      const id = uuidv7();
      await runTransaction(ctx.db, async (trx) => {
        // Read again in the transaction: the grid may have moved since (its path is copied).
        const place = await createPublicReportRepository(trx).reportableRegion(body.regionId);
        if (!place || place.district_code !== districtCode) throw noSuchPlace();
        const row: CaseRow = {
          district_code: districtCode,
          id,
          number,
          channel: 'self_report',
          category_id: null,
          kind: body.kind,
          urgency: 'ordinary',
          list_type: 'problem',
          title: body.title,
          description: body.description,
          region_id: place.id,
          region_path: place.path,
          address: body.address ?? null,
          latitude: null,
          longitude: null,
          reporter_type: 'resident',
          reporter_name: body.name ?? null,
          reporter_phone_enc: ctx.cipher.encrypt(body.phone),
          reporter_phone_hash: ctx.cipher.hash(body.phone),
          household_id: null,
          enterprise_id: null,
          state: 'submitted',
          level: INTAKE_LEVEL,
          unit_department_id: null,
          unit_region_id: null,
          unit_region_path: null,
          first_responder_id: null,
          submitted_by: null,
          next_due_at: null,
          merged_into_id: null,
          linked_case_id: null,
          source_visit_id: null,
          accepted_at: null,
          replied_at: null,
          closed_at: null,
          last_progress_at: null,
          created_at: ctx.now,
          updated_at: ctx.now,
          on_spot: false,
          reopen_count: 0,
          latest_rating: null,
          unreachable_attempts: 0,
          extension_pending: false,
          open_tasks: 0,
          escalations: 0,
          whistles: 0,
          overdue: false,
          supervised: false,
          version: 1,
        };
        const repo = createCaseRepository(trx);
        await repo.insert(row);
        await repo.insertEvent(districtCode, id, 1, {
          id: uuidv7(),
          action: 'submit',
          from_state: null,
          to_state: 'submitted',
          actor_id: null,
          actor_name: null,
          reason: null,
          detail: { channel: 'self_report' },
        });
        await audit(
          trx,
          { districtCode, username: 'public', sourceIp: ctx.sourceIp },
          {
            action: 'case.submitted',
            result: 'success',
            objectType: 'case',
            objectId: id,
            detail: { number, channel: 'self_report', region: place.id },
          },
        );
        await enqueueCaseNotifications(trx, { row, action: 'submit', actorId: null, now: ctx.now });
        await complete(trx, { number });
      });
      return { number };
    },
  );
  return result.body;
}
