import type { FieldEnterprise, FieldHousehold } from '../../../shared/domain/field-directory.ts';

const iso = (at: Date | string | null) => (at ? new Date(at).toISOString() : null);

/** A household row as the directory answers it: address parts, members' names, phone ends only. */
export function householdView(r: {
  id: string;
  code: string;
  address: string;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  grid_id: string;
  grid_name: string;
  is_key: boolean;
  last_visit_at: Date | string | null;
  names: string[] | null;
  phone_last4: string[] | null;
}): FieldHousehold {
  return {
    id: r.id,
    code: r.code,
    address: r.address,
    estate: r.estate,
    building: r.building,
    unit: r.unit,
    room: r.room,
    gridId: r.grid_id,
    gridName: r.grid_name,
    isKey: r.is_key,
    lastVisitAt: iso(r.last_visit_at),
    names: r.names ?? [],
    // '' marks a phone too short to have four digits (fill-phone-last-four.ts).
    phoneLast4: (r.phone_last4 ?? []).filter((p) => p !== ''),
  };
}

export function enterpriseView(
  r: {
    id: string;
    name: string;
    address: string;
    grid_id: string;
    grid_name: string;
    contact_name: string | null;
    contact_phone_last4: string | null;
    liaison_user_id: string | null;
    liaison_name: string | null;
    last_visit_at: Date | string | null;
  },
  callerId: string,
): FieldEnterprise {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    gridId: r.grid_id,
    gridName: r.grid_name,
    contactName: r.contact_name,
    contactPhoneLast4: r.contact_phone_last4 || null,
    liaisonName: r.liaison_name,
    mine: r.liaison_user_id === callerId,
    lastVisitAt: iso(r.last_visit_at),
  };
}
