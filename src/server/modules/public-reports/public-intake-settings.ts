import type { Kysely } from 'kysely';
import type { PublicIntakeSettings } from '../../../shared/domain/public-entry.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { bumpAuthEpoch } from '../auth/auth.repository.ts';
import { readAtVersion } from '../auth/versioned-cache.ts';
import { createSettingsRepository } from '../system/settings.repository.ts';

/** A district's public form settings live under one key per district (off until switched on). */
const settingKey = (districtCode: string) => `public_intake:${districtCode}`;
const DEFAULTS: PublicIntakeSettings = { phoneVerification: false };

/**
 * A district's form settings; given the auth version the request read, kept in memory under it
 * (auth/versioned-cache.ts): a change bumps the version in its transaction.
 */
export async function publicIntakeSettings(
  db: Kysely<DB>,
  districtCode: string,
  authVersion?: number,
): Promise<PublicIntakeSettings> {
  const read = async () => {
    const stored = await createSettingsRepository(db).get<Partial<PublicIntakeSettings>>(
      settingKey(districtCode),
    );
    return { ...DEFAULTS, ...(stored ?? {}) };
  };
  return (await readAtVersion(db, { districtCode, authVersion }, 'public-intake-settings', read)) ?? DEFAULTS;
}

/** An administrator's change of their district's settings, audited with the old and new values. */
export async function savePublicIntakeSettings(
  db: Kysely<DB>,
  actor: AuditActor,
  settings: PublicIntakeSettings,
): Promise<PublicIntakeSettings> {
  const districtCode = actor.districtCode;
  return runTransaction(db, async (trx) => {
    const before = await publicIntakeSettings(trx, districtCode);
    await createSettingsRepository(trx).set(settingKey(districtCode), settings);
    // Servers keep the settings under the version (publicIntakeSettings): they follow at once.
    await bumpAuthEpoch(trx, districtCode);
    await audit(trx, actor, {
      action: 'public_intake.settings_changed',
      result: 'success',
      objectType: 'district',
      objectId: districtCode,
      detail: { before, after: settings },
    });
    return settings;
  });
}
