import type { LiaisonCandidate } from '../../../shared/domain/enterprise.ts';
import type { Principal } from '../auth/principal.ts';
import { enterpriseInScope } from './enterprise-in-scope.ts';
import type { EnterpriseRepository } from './enterprises.repository.ts';
import { reachingLiaisons } from './liaison-scope.ts';

/** The accounts that could be this enterprise's liaison, for the assigner to choose from. */
export async function liaisonCandidates(
  enterprises: EnterpriseRepository,
  principal: Principal,
  id: string,
): Promise<LiaisonCandidate[]> {
  const e = await enterpriseInScope(enterprises, principal, 'enterprises:assign', id);
  const liaisons = await reachingLiaisons(enterprises, e.district_code, e.region_path);
  const districtName = liaisons.some((l) => l.scope_path === null)
    ? await enterprises.districtName(e.district_code)
    : e.district_code;
  return liaisons.map((l) => ({
    id: l.id,
    displayName: l.display_name,
    scopeName: l.scope_name ?? districtName,
  }));
}
