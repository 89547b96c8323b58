import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { CASE_LEVELS, intakeLevel } from '../../../shared/cases/levels.ts';
import type { PublicReport } from '../../../shared/domain/case.ts';
import { addressWithEstate } from '../../../shared/domain/public-entry.ts';
import { statusPath } from '../../../shared/domain/resident-status.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import type { AttachmentStore } from '../cases/attachments/attachment-store.ts';
import { nextCaseNumber } from '../cases/case-numbers.ts';
import { idempotent } from '../cases/idempotency.ts';
import { newCaseRow, recordNewCase } from '../cases/record-new-case.ts';
import { issueStatusLink } from '../resident-status/issue-status-link.ts';
import { mintSiblingToken } from '../resident-status/sibling-token.ts';
import { checkPhoneCode, spendPhoneCode } from './check-phone-code.ts';
import { channelOfEntry } from './entry-signature.ts';
import { publicIntakeSettings } from './public-intake-settings.ts';
import {
  cleanPublicPhotos,
  insertPublicPhotoRows,
  removeStoredPhotos,
  type StoredPhoto,
  storePublicPhotos,
} from './public-photos.ts';
import { publicPlaceOf } from './public-place.ts';
import { createPublicReportRepository } from './public-reports.repository.ts';

export interface PublicReportContext {
  db: Kysely<DB>;
  cipher: PiiCipher;
  sourceIp: string | null;
  now: Date;
  /** The client's Idempotency-Key, already checked for format. */
  idempotencyKey: string | undefined;
  idempotencyDays: number;
  /** Where the report's photos are written (the case attachments' store). */
  store: AttachmentStore;
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
 * becomes that). The resident gets the case number, to quote when they call, and the path of
 * their status page (issue 15 §2; texted too, resident-status/issue-status-link.ts). A replay by
 * Idempotency-Key answers a new token of the same link: the stored answer keeps no token.
 */
export async function reportPublicly(
  ctx: PublicReportContext,
  body: PublicReport,
): Promise<{ number: string; statusPath: string | null }> {
  // The place by region id or public code (a retired code answers 410), the channel by the signed
  // entry parameter (anything unsigned stays self_report), the photos cleaned before anything else.
  const named = await publicPlaceOf(ctx.db, body);
  const districtCode = named.districtCode;
  const channel = channelOfEntry(ctx.cipher, body.entry);
  const photos = cleanPublicPhotos(body.photos ?? []);
  const result = await idempotent<{ number: string; linkId?: string; token?: string }>(
    ctx.db,
    {
      ref: { districtCode, owner: PUBLIC_OWNER },
      key: ctx.idempotencyKey,
      body,
      days: ctx.idempotencyDays,
      status: 201,
    },
    async (complete) => {
      const phoneCodeId = (await publicIntakeSettings(ctx.db, districtCode, named.authVersion))
        .phoneVerification
        ? await checkPhoneCode(ctx.db, ctx.cipher, {
            districtCode,
            phone: body.phone,
            phoneCode: body.phoneCode,
            now: ctx.now,
          })
        : null;
      const number = await nextCaseNumber(ctx.db, districtCode, ctx.now);
      const id = uuidv7();
      const stored: StoredPhoto[] = await storePublicPhotos(ctx.store, districtCode, ctx.now, photos);
      // The case with its photos, status link and idempotent answer, in `trx`; outside a
      // transaction every write is held in the batch and sent as one statement (ADR 0004).
      const write = async (trx: Kysely<DB>, place: { id: string; path: string }) => {
        const row = newCaseRow({
          district_code: districtCode,
          id,
          number,
          channel,
          kind: body.kind,
          title: body.title,
          description: body.description,
          region_id: place.id,
          region_path: place.path,
          address: addressWithEstate(named.estateName, body.address),
          reporter_type: 'resident',
          reporter_name: body.name ?? null,
          reporter_phone_enc: ctx.cipher.encrypt(body.phone),
          reporter_phone_hash: ctx.cipher.hash(body.phone),
          created_at: ctx.now,
          // A resident's own report arrives at the community whichever entry link brought it.
          intake_level: intakeLevel({
            channel: 'self_report',
            placePath: place.path,
            recorderPaths: [],
            hotlineLevel: CASE_LEVELS.street,
          }),
        });
        // The idempotent answer commits with the case, before its audit row (the path writes that last).
        let issued: { token: string; linkId: string } | undefined;
        await recordNewCase(
          trx,
          row,
          {
            id: null,
            name: null,
            audit: { districtCode, username: 'public', sourceIp: ctx.sourceIp },
            // The dispatchers to notify are kept under it, as for a staff intake.
            authVersion: named.authVersion,
          },
          {
            eventDetail: {
              ...(named.code ? { code: named.code } : {}),
              ...(stored.length > 0 ? { photos: stored.length } : {}),
            },
            alsoWrite: async (batch) => {
              const held = trx.isTransaction ? undefined : batch;
              if (phoneCodeId) await spendPhoneCode(trx, districtCode, phoneCodeId, ctx.now);
              await insertPublicPhotoRows(trx, districtCode, id, ctx.now, stored, held);
              issued = await issueStatusLink(
                trx,
                { districtCode, caseId: id, caseNumber: number, phone: body.phone ?? null, now: ctx.now },
                held,
              );
              await complete(trx, { number, linkId: issued.linkId }, held);
            },
          },
        );
        return issued as { token: string; linkId: string };
      };
      try {
        // A phone code is used up in a transaction, where a code spent meanwhile refuses the report
        // by its own error. Otherwise the place read above is the one written, as a transaction in
        // READ COMMITTED would have read it, and the report is one statement and one commit (issue 16 §1).
        const link = phoneCodeId
          ? await runTransaction(ctx.db, async (trx) => {
              // Read again in the transaction: the grid may have moved since (its path is copied).
              const place = await createPublicReportRepository(trx).reportableRegion(named.regionId);
              if (!place || place.district_code !== districtCode) throw noSuchPlace();
              return write(trx, place);
            })
          : await write(ctx.db, { id: named.regionId, path: named.regionPath });
        return { number, ...link };
      } catch (error) {
        await removeStoredPhotos(ctx.store, stored);
        throw error;
      }
    },
  );
  const { number, linkId, token } = result.body;
  // A stored answer from before status links names no link.
  const shown = token ?? (linkId ? await mintSiblingToken(ctx.db, districtCode, linkId, ctx.now) : null);
  return { number, statusPath: shown ? statusPath(shown) : null };
}
