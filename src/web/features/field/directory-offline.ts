import type { FieldEnterprise, FieldHousehold, FieldPack } from '../../../shared/domain/field-directory.ts';
import { LAST_FOUR } from '../../../shared/domain/field-directory.ts';

/**
 * The kept grids' directory searched and browsed on the phone, the way the server does it
 * (field-directory.repository.ts): text contained in the address, code, building or a member's
 * name; four digits also match a phone's end. '' is the browse value "none".
 */
export function searchKeptHouseholds(packs: readonly FieldPack[], q: string): FieldHousehold[] {
  const text = q.trim();
  if (!text) return [];
  const last4 = LAST_FOUR.test(text) ? text : null;
  return packs
    .flatMap((p) => p.households)
    .filter(
      (h) =>
        h.address.includes(text) ||
        h.code.includes(text) ||
        (h.building ?? '').includes(text) ||
        h.names.some((n) => n.includes(text)) ||
        (last4 !== null && h.phoneLast4.includes(last4)),
    );
}

export function searchKeptEnterprises(
  packs: readonly FieldPack[],
  q: string,
  mine: boolean,
): FieldEnterprise[] {
  const text = q.trim();
  const last4 = LAST_FOUR.test(text) ? text : null;
  return packs
    .flatMap((p) => p.enterprises)
    .filter((e) => !mine || e.mine)
    .filter(
      (e) =>
        !text ||
        e.name.includes(text) ||
        e.address.includes(text) ||
        (e.contactName ?? '').includes(text) ||
        (last4 !== null && e.contactPhoneLast4 === last4),
    );
}

export interface BrowseChoice {
  estate?: string | undefined;
  building?: string | undefined;
  unit?: string | undefined;
}

/** The households of the kept grids under the chosen address parts. */
export function keptHouseholdsAt(packs: readonly FieldPack[], at: BrowseChoice): FieldHousehold[] {
  const same = (value: string | null, chosen: string | undefined) =>
    chosen === undefined || (value ?? '') === chosen;
  return packs
    .flatMap((p) => p.households)
    .filter((h) => same(h.estate, at.estate) && same(h.building, at.building) && same(h.unit, at.unit));
}

/** The next browse level's values under the choice, with their households, from the kept grids. */
export function keptPlaces(packs: readonly FieldPack[], at: BrowseChoice) {
  const level = at.estate === undefined ? 'estate' : at.building === undefined ? 'building' : 'unit';
  const counts = new Map<string, number>();
  for (const h of keptHouseholdsAt(packs, at)) {
    const value = h[level] ?? '';
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { level, items: [...counts].map(([value, households]) => ({ value, households })) } as const;
}

/** Buildings, units and rooms in the order people count them: 2幢 before 10幢. */
export function byNumber<T>(items: readonly T[], key: (item: T) => string): T[] {
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  return [...items].sort((a, b) => collator.compare(key(a), key(b)));
}

/** The JSON size of what is kept, in bytes (what the phone stores, near enough). */
export function keptBytes(packs: readonly FieldPack[]): number {
  return packs.reduce((sum, p) => sum + new TextEncoder().encode(JSON.stringify(p)).length, 0);
}
