import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { publicCodeFromBytes } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

export interface CodePlace {
  districtCode: string;
  /** The grid (for an estate: its grid). */
  regionId: string;
  estateId: string | null;
}

/**
 * The live code of a grid or an estate, issued now if it has none (on first need: when its QR is
 * first drawn, or in bulk for a community's sheet). Run inside the caller's transaction; the
 * partial unique index makes two first draws at once agree on one code. Audited when issued.
 */
export async function issuePublicCode(
  trx: Kysely<DB>,
  actor: AuditActor,
  userId: string,
  place: CodePlace,
  now: Date,
): Promise<{ code: string; createdAt: Date }> {
  const repo = createPublicCodeRepository(trx);
  for (let attempt = 0; attempt < 4; attempt++) {
    const live = await repo.liveCode(place.districtCode, place.regionId, place.estateId);
    if (live) return { code: live.code, createdAt: new Date(live.created_at) };
    const code = publicCodeFromBytes(place.districtCode, randomBytes(8));
    const inserted = await repo.insertCode({
      district_code: place.districtCode,
      code,
      region_id: place.regionId,
      estate_id: place.estateId,
      created_at: now,
      created_by: userId,
    });
    if (inserted) {
      await audit(trx, actor, {
        action: 'public_code.issued',
        result: 'success',
        objectType: place.estateId ? 'estate' : 'region',
        objectId: place.estateId ?? place.regionId,
        detail: { code },
      });
      return { code, createdAt: now };
    }
    // Not inserted: another draw issued the place's code meanwhile (read it above), or, once in
    // 2^40, the random code was taken already (draw again).
  }
  throw new AppError('CONFLICT', 'No code could be issued; try again.');
}
