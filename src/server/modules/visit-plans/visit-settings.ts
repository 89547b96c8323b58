import type { Kysely } from 'kysely';
import type { VisitSettingsInput } from '../../../shared/domain/visit-plan.ts';
import type { VisitSettings } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { createSettingsRepository } from '../system/settings.repository.ts';

/** The settings key of a district's visit settings (night window, far limit). */
export const visitSettingsKey = (districtCode: string) => `visits.settings.${districtCode}`;

/**
 * A district's visit settings: its own when saved, else the server's configuration. Visit writes
 * read this to decide day or night and whether a check-in is far.
 */
export async function loadVisitSettings(
  db: Kysely<DB>,
  districtCode: string,
  defaults: VisitSettings,
): Promise<VisitSettingsInput & { source: 'district' | 'default' }> {
  const own = await createSettingsRepository(db).get<VisitSettingsInput>(visitSettingsKey(districtCode));
  if (own) return { ...own, source: 'district' };
  return {
    nightFrom: defaults.nightFrom,
    nightTo: defaults.nightTo,
    farMetres: defaults.farMetres,
    source: 'default',
  };
}
