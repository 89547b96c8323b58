import type { HouseholdAction, HouseholdDetail, Member } from '../../../shared/domain/household.ts';
import { positionOf } from '../../../shared/map/position.ts';
import { maskIdNumber, maskPhone } from '../../../shared/validation/mask.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { Principal } from '../auth/principal.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import type { RegionRepository } from '../regions/regions.repository.ts';
import type { HouseholdRepository } from './households.repository.ts';

/**
 * What the caller may do to a household at `regionPath`: the write actions where their
 * households:write scope reaches it (the key-household ones only for a key household), unmask
 * where their pii:unmask scope does.
 */
export function householdActions(
  principal: Principal,
  regionPath: string,
  isKey: boolean,
): HouseholdAction[] {
  const actions: HouseholdAction[] = [];
  if (pathInScope(regionPath, scopeFor(principal, 'households:write'))) {
    actions.push('edit', 'remove', 'add-member', 'edit-member');
    if (isKey) actions.push('record-key-info', 'edit-plan');
  }
  if (pathInScope(regionPath, scopeFor(principal, 'pii:unmask'))) actions.push('unmask');
  return actions;
}

type MemberRow = Awaited<ReturnType<HouseholdRepository['members']>>[number];

/** A member as every response shows it: ID number and phone masked. */
export function maskedMember(cipher: PiiCipher, m: MemberRow): Member {
  return {
    id: m.id,
    name: m.name,
    gender: m.gender,
    birthDate: m.birth_date,
    relationship: m.relationship,
    idNumberMasked: m.id_number_enc ? maskIdNumber(cipher.decrypt(m.id_number_enc)) : null,
    phoneMasked: m.phone_enc ? maskPhone(cipher.decrypt(m.phone_enc)) : null,
  };
}

/** The household as GET /households/:id shows it, or null when it is not in the read scope. */
export async function loadHouseholdDetail(
  households: HouseholdRepository,
  regions: RegionRepository,
  cipher: PiiCipher,
  principal: Principal,
  id: string,
): Promise<HouseholdDetail | null> {
  const h = await households.findInScope(scopeFor(principal, 'households:read'), id);
  if (!h) return null;
  const members = await households.members(h.district_code, h.id);
  const path = await regions.pathNodes(h.district_code, h.region_path);
  return {
    id: h.id,
    code: h.code,
    address: h.address,
    estate: h.estate,
    building: h.building,
    unit: h.unit,
    room: h.room,
    gridId: h.grid_id,
    gridName: h.grid_name,
    tags: h.tags,
    tagLevels: h.tag_levels ?? {},
    position: positionOf(h),
    isKey: h.is_key,
    removedAt: h.removed_at ? h.removed_at.toISOString() : null,
    memberCount: members.length,
    regionPath: path,
    members: members.map((m) => maskedMember(cipher, m)),
    actions: householdActions(principal, h.region_path, h.is_key),
  };
}
