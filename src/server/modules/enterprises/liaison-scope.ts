import { grantPath, reaches } from '../../../shared/auth/reach.ts';
import type { EnterpriseRepository } from './enterprises.repository.ts';

/**
 * Whether a liaison grant reaches an enterprise: its scope path (the district code when the
 * grant is district-wide) is the enterprise's region path or above it.
 */
export function grantReaches(scopePath: string | null, districtCode: string, regionPath: string): boolean {
  return reaches(grantPath(scopePath, districtCode), regionPath);
}

/** Active accounts whose liaison grant reaches `regionPath`, one row per account (its first such grant). */
export async function reachingLiaisons(
  enterprises: EnterpriseRepository,
  districtCode: string,
  regionPath: string,
  userId?: string,
) {
  const grants = await enterprises.liaisonGrants(districtCode, userId);
  const seen = new Set<string>();
  return grants.filter((g) => {
    if (!g.active || seen.has(g.id) || !grantReaches(g.scope_path, districtCode, regionPath)) return false;
    seen.add(g.id);
    return true;
  });
}
