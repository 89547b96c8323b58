import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createSettingsRepository } from '../system/settings.repository.ts';

/** The settings key of a district's public hotline (printed on posters, given by the lookup). */
export const hotlineKey = (districtCode: string) => `public.hotline.${districtCode}`;

/** The district's public hotline, or null when none is set. */
export async function districtHotline(db: Kysely<DB>, districtCode: string): Promise<string | null> {
  const value = await createSettingsRepository(db).get<unknown>(hotlineKey(districtCode));
  return typeof value === 'string' && value !== '' ? value : null;
}
