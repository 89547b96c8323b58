import type { Permission } from '../../../shared/auth/roles.ts';
import type { EnterpriseAction, EnterpriseDetail } from '../../../shared/domain/enterprise.ts';
import { positionOf } from '../../../shared/map/position.ts';
import { maskPhone } from '../../../shared/validation/mask.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import type { RegionRepository } from '../regions/regions.repository.ts';
import { enterpriseInScope } from './enterprise-in-scope.ts';
import type { EnterpriseRepository } from './enterprises.repository.ts';

/** Each action on one enterprise and the permission whose scope must reach it. */
const ACTION_PERMISSION: Record<EnterpriseAction, Permission> = {
  edit: 'enterprises:write',
  remove: 'enterprises:write',
  'assign-liaison': 'enterprises:assign',
  unmask: 'pii:unmask',
};

/** What the principal may do to an enterprise at `regionPath` (the UI offers only these). */
export function enterpriseActions(
  principal: Principal,
  regionPath: string,
  hasContactPhone: boolean,
): EnterpriseAction[] {
  return (Object.keys(ACTION_PERMISSION) as EnterpriseAction[]).filter(
    (action) =>
      (action !== 'unmask' || hasContactPhone) &&
      pathInScope(regionPath, scopeFor(principal, ACTION_PERMISSION[action])),
  );
}

/** One enterprise as the principal may see it (contact phone masked), or NOT_FOUND outside the read scope. */
export async function enterpriseDetail(
  enterprises: EnterpriseRepository,
  regions: RegionRepository,
  cipher: PiiCipher,
  principal: Principal,
  id: string,
): Promise<EnterpriseDetail> {
  const e = await enterpriseInScope(enterprises, principal, 'enterprises:read', id);
  const path = await regions.pathNodes(e.district_code, e.region_path);
  return {
    id: e.id,
    name: e.name,
    creditCode: e.credit_code,
    address: e.address,
    gridId: e.grid_id,
    gridName: e.grid_name,
    tags: e.tags,
    liaisonId: e.liaison_user_id,
    liaisonName: e.liaison_name,
    regionPath: path,
    contactName: e.contact_name,
    contactPhoneMasked: e.contact_phone_enc ? maskPhone(cipher.decrypt(e.contact_phone_enc)) : null,
    position: positionOf(e),
    actions: enterpriseActions(principal, e.region_path, e.contact_phone_enc !== null),
  };
}
