import { positionColumns, positionOf } from '../../../shared/map/position.ts';
import { phoneLastFour } from '../../../shared/validation/mask.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { MemberEntry } from './collect-rows.ts';
import { hex, sameBytes } from './hashes.ts';
import type { ChangeCounts } from './import-run.ts';
import type {
  ExistingHousehold,
  ExistingPerson,
  GridRow,
  HouseholdWrite,
  PersonInsert,
  PersonUpdate,
} from './imports.repository.ts';
import { canonicalLevels } from './tag-cell.ts';
import type { HouseholdFields, MemberFields } from './validate-row.ts';

/**
 * What one batch changes, decided by comparing the file with the rows already there: households
 * by (district, code), persons by (district, keyed hash of the ID number), persons without an
 * ID number by (household, name, birth date). Identical rows are left alone and unchanged
 * personal data is never re-encrypted (its ciphertext has a random IV), so importing the same
 * file twice changes nothing at all.
 */

export type ValidMember = Pick<MemberEntry, keyof MemberFields | 'idHash' | 'phoneHash'>;

export interface ValidHousehold {
  code: string;
  fields: HouseholdFields;
  members: ValidMember[];
}

export type { ChangeCounts };

export interface BatchPlan {
  householdInserts: HouseholdWrite[];
  householdUpdates: HouseholdWrite[];
  personInserts: PersonInsert[];
  personUpdates: PersonUpdate[];
  households: ChangeCounts;
  persons: ChangeCounts;
}

export interface ExistingRows {
  households: ExistingHousehold[];
  personsById: ExistingPerson[];
  personsWithoutId: ExistingPerson[];
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

export const noIdKey = (householdId: string, name: string, birthDate: string) =>
  `${householdId}\u0000${name}\u0000${birthDate}`;

function householdRow(
  id: string,
  code: string,
  fields: HouseholdFields,
  grid: GridRow,
  before: ExistingHousehold | undefined,
): HouseholdWrite {
  // Empty position cells keep what is recorded (set in the app, or by an earlier file).
  const position = fields.position ?? (before ? positionOf(before) : null);
  return {
    id,
    grid_id: grid.id,
    region_path: grid.path,
    code,
    address: fields.address,
    estate: fields.estate,
    building: fields.building,
    unit: fields.unit,
    room: fields.room,
    tags: fields.tags,
    tag_levels: canonicalLevels(fields.tagLevels),
    is_key: fields.isKey,
    ...positionColumns(position),
  };
}

function householdChanged(existing: ExistingHousehold, next: HouseholdWrite): boolean {
  return (
    existing.grid_id !== next.grid_id ||
    existing.region_path !== next.region_path ||
    existing.address !== next.address ||
    existing.estate !== next.estate ||
    existing.building !== next.building ||
    existing.unit !== next.unit ||
    existing.room !== next.room ||
    !sameTags(existing.tags, next.tags) ||
    canonicalLevels(existing.tag_levels ?? {}) !== next.tag_levels ||
    existing.is_key !== next.is_key ||
    existing.latitude !== next.latitude ||
    existing.longitude !== next.longitude
  );
}

function personUpdate(existing: ExistingPerson, householdId: string, m: ValidMember, cipher: PiiCipher) {
  const phoneChanged = !sameBytes(existing.phone_hash, m.phoneHash);
  const changed =
    phoneChanged ||
    existing.household_id !== householdId ||
    existing.name !== m.name ||
    existing.gender !== m.gender ||
    existing.birth_date !== m.birthDate ||
    existing.relationship !== m.relationship;
  if (!changed) return null;
  return {
    id: existing.id,
    household_id: householdId,
    name: m.name,
    gender: m.gender,
    birth_date: m.birthDate,
    relationship: m.relationship,
    phone_changed: phoneChanged,
    phone_enc: phoneChanged && m.phone !== null ? Buffer.from(cipher.encrypt(m.phone)) : null,
    phone_hash: phoneChanged ? m.phoneHash : null,
    phone_last4: phoneChanged ? phoneLastFour(m.phone) : null,
  } satisfies PersonUpdate;
}

export function planBatch(
  batch: readonly ValidHousehold[],
  grids: ReadonlyMap<string, GridRow>,
  existing: ExistingRows,
  cipher: PiiCipher,
  newId: () => string,
): BatchPlan {
  const plan: BatchPlan = {
    householdInserts: [],
    householdUpdates: [],
    personInserts: [],
    personUpdates: [],
    households: { inserted: 0, updated: 0, unchanged: 0 },
    persons: { inserted: 0, updated: 0, unchanged: 0 },
  };
  const householdsByCode = new Map(existing.households.map((h) => [h.code, h]));
  const personsByHash = new Map<string, ExistingPerson>();
  for (const p of existing.personsById) if (p.id_number_hash) personsByHash.set(hex(p.id_number_hash), p);
  const personsByKey = new Map<string, ExistingPerson>();
  for (const p of existing.personsWithoutId) {
    const key = noIdKey(p.household_id, p.name, p.birth_date);
    if (!personsByKey.has(key)) personsByKey.set(key, p);
  }

  for (const household of batch) {
    const grid = grids.get(household.fields.gridCode);
    if (!grid) throw new Error(`grid ${household.fields.gridCode} was not resolved before planning`);
    const before = householdsByCode.get(household.code);
    const row = householdRow(before?.id ?? newId(), household.code, household.fields, grid, before);
    if (!before) {
      plan.householdInserts.push(row);
      plan.households.inserted++;
    } else if (householdChanged(before, row)) {
      plan.householdUpdates.push(row);
      plan.households.updated++;
    } else plan.households.unchanged++;

    for (const m of household.members) {
      const match = m.idHash
        ? personsByHash.get(hex(m.idHash))
        : before
          ? personsByKey.get(noIdKey(before.id, m.name, m.birthDate))
          : undefined;
      if (match) {
        const update = personUpdate(match, row.id, m, cipher);
        if (update) {
          plan.personUpdates.push(update);
          plan.persons.updated++;
        } else plan.persons.unchanged++;
        continue;
      }
      plan.personInserts.push({
        id: newId(),
        household_id: row.id,
        name: m.name,
        gender: m.gender,
        birth_date: m.birthDate,
        relationship: m.relationship,
        id_number_enc: m.idNumber === null ? null : Buffer.from(cipher.encrypt(m.idNumber)),
        id_number_hash: m.idHash,
        phone_enc: m.phone === null ? null : Buffer.from(cipher.encrypt(m.phone)),
        phone_hash: m.phoneHash,
        phone_last4: phoneLastFour(m.phone),
      });
      plan.persons.inserted++;
    }
  }
  return plan;
}
