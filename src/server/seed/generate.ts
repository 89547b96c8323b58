import { type Address, createAddressBook, createEstateNamer } from './addresses.ts';
import type { DistrictDivision } from './divisions.ts';
import { createEnterpriseFactory, type EnterpriseDraft } from './enterprises.ts';
import { type DistrictPlan, type DistrictSizes, planDistrict, type RegionDraft } from './hierarchy.ts';
import { draftHousehold, type Gender } from './households.ts';
import { createIdNumberAllocator } from './id-numbers.ts';
import { mobilePhone } from './phones.ts';
import { createRng } from './random.ts';
import { communityStaff, gridStaff, type StaffDraft, staffCode, streetOfficeStaff } from './staff.ts';

/**
 * The whole generated population of a district as plain records, in a fixed order and from
 * named PRNG streams, so that one seed always gives the same records. Pure: no I/O and no
 * encryption (personal data is still plain text here; the seeding layer encrypts it).
 */
export interface HouseholdRecord extends Address {
  id: string;
  gridId: string;
  regionPath: string;
  code: string;
  tags: string[];
}

export interface PersonRecord {
  id: string;
  householdId: string;
  name: string;
  gender: Gender;
  birthDate: string;
  relationship: string;
  idNumber: string | null;
  phone: string | null;
}

export interface EnterpriseRecord extends EnterpriseDraft {
  id: string;
  gridId: string;
  regionPath: string;
}

export interface StaffRecord extends StaffDraft {
  id: string;
  regionId: string;
  code: string;
}

export type GeneratedBatch =
  | { kind: 'households'; households: HouseholdRecord[]; persons: PersonRecord[] }
  | { kind: 'enterprises'; enterprises: EnterpriseRecord[] }
  | { kind: 'staff'; staff: StaffRecord[] };

export interface GeneratedDistrict {
  plan: DistrictPlan;
  /** Households with their members grid by grid, then enterprises grid by grid, then staff. */
  batches(): Generator<GeneratedBatch>;
}

export function generateDistrict(
  division: DistrictDivision,
  sizes: DistrictSizes,
  seed: number,
  nextId: () => string,
): GeneratedDistrict {
  const plan = planDistrict(division, sizes, createRng(seed, `${division.code}/hierarchy`), nextId);
  const districtPrefix = division.name;

  function* households(): Generator<GeneratedBatch> {
    const allocateId = createIdNumberAllocator(division.code);
    const namer = createEstateNamer();
    for (const street of plan.streets) {
      const prefix = `${districtPrefix}${street.region.name}`;
      for (const community of street.communities) {
        const book = createAddressBook(createRng(seed, `${community.region.code}/addresses`), {
          prefix,
          community: community.region.name,
          kind: community.kind,
          special: community.special,
          namer,
        });
        for (const grid of community.grids) {
          const rng = createRng(seed, `${grid.region.code}/households`);
          const householdRows: HouseholdRecord[] = [];
          const personRows: PersonRecord[] = [];
          for (let h = 1; h <= grid.households; h++) {
            const draft = draftHousehold(rng);
            const id = nextId();
            householdRows.push({
              id,
              gridId: grid.region.id,
              regionPath: grid.region.path,
              code: `${grid.region.code}-H${String(h).padStart(4, '0')}`,
              tags: draft.tags,
              ...book.next(draft.newResident),
            });
            for (const m of draft.members) {
              const allocation = m.foreign ? null : allocateId(m.birthDate, m.gender);
              personRows.push({
                id: nextId(),
                householdId: id,
                name: m.name,
                gender: m.gender,
                birthDate: allocation?.birthDate ?? m.birthDate,
                relationship: m.relationship,
                idNumber: allocation?.idNumber ?? null,
                phone: m.hasPhone ? mobilePhone(rng) : null,
              });
            }
          }
          yield { kind: 'households', households: householdRows, persons: personRows };
        }
      }
    }
  }

  function* enterprises(): Generator<GeneratedBatch> {
    const make = createEnterpriseFactory(division.code, division.name);
    for (const street of plan.streets) {
      const addressPrefix = `${districtPrefix}${street.region.name}`;
      for (const community of street.communities) {
        for (const grid of community.grids) {
          const rng = createRng(seed, `${grid.region.code}/enterprises`);
          const rows: EnterpriseRecord[] = [];
          for (let e = 0; e < grid.enterprises; e++) {
            const draft = make(rng, {
              addressPrefix,
              streetShort: street.shortName,
              village: community.kind === '村',
            });
            rows.push({ id: nextId(), gridId: grid.region.id, regionPath: grid.region.path, ...draft });
          }
          if (rows.length > 0) yield { kind: 'enterprises', enterprises: rows };
        }
      }
    }
  }

  function* staff(): Generator<GeneratedBatch> {
    const rows: StaffRecord[] = [];
    const at = (region: RegionDraft, drafts: StaffDraft[]) => {
      drafts.forEach((d, i) => {
        rows.push({ id: nextId(), regionId: region.id, code: staffCode(region.code, i), ...d });
      });
    };
    for (const street of plan.streets) {
      at(street.region, streetOfficeStaff(createRng(seed, `${street.region.code}/staff`)));
      for (const community of street.communities) {
        at(
          community.region,
          communityStaff(createRng(seed, `${community.region.code}/staff`), community.kind),
        );
        for (const grid of community.grids)
          at(grid.region, gridStaff(createRng(seed, `${grid.region.code}/staff`)));
      }
    }
    yield { kind: 'staff', staff: rows };
  }

  return {
    plan,
    *batches() {
      yield* households();
      yield* enterprises();
      yield* staff();
    },
  };
}
