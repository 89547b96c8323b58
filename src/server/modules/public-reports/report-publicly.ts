import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { CASE_LEVELS, intakeLevel } from '../../../shared/cases/levels.ts';
import type { PublicReport } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { nextCaseNumber } from '../cases/case-numbers.ts';
import { idempotent } from '../cases/idempotency.ts';
import { newCaseRow, recordNewCase } from '../cases/record-new-case.ts';
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
        const row = newCaseRow({
          district_code: districtCode,
          id,
          number,
          channel: 'self_report',
          kind: body.kind,
          title: body.title,
          description: body.description,
          region_id: place.id,
          region_path: place.path,
          address: body.address ?? null,
          reporter_type: 'resident',
          reporter_name: body.name ?? null,
          reporter_phone_enc: ctx.cipher.encrypt(body.phone),
          reporter_phone_hash: ctx.cipher.hash(body.phone),
          created_at: ctx.now,
          intake_level: intakeLevel({
            channel: 'self_report',
            placePath: place.path,
            recorderPaths: [],
            hotlineLevel: CASE_LEVELS.street,
          }),
        });
        // The idempotent answer commits with the case, before its audit row (the path writes that last).
        await recordNewCase(
          trx,
          row,
          { id: null, name: null, audit: { districtCode, username: 'public', sourceIp: ctx.sourceIp } },
          { alsoWrite: () => complete(trx, { number }) },
        );
      });
      return { number };
    },
  );
  return result.body;
}
