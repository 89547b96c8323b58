import type { RegionLevel } from '../../shared/domain/region.ts';
import {
  communityDisplayName,
  communityKind,
  type DistrictDivision,
  isSpecialCommunity,
  isSpecialStreet,
} from './divisions.ts';
import { apportion, type Rng } from './random.ts';

/**
 * The territory as region rows: district → streets → communities/villages (real codes) → grids
 * (local codes `<community code>-G01`). Grids are spread over communities in proportion to a
 * plausible size, and households and enterprises over grids; "special" units (development zones,
 * markets, logistics bases, farms) get few grids, few households and many enterprises.
 * A region's `path` is the dot-joined codes from the district down, so "everything below" is a
 * prefix match.
 */
export interface RegionDraft {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  code: string;
  name: string;
  kind: string | null;
  path: string;
  sortOrder: number;
}

export interface GridPlan {
  region: RegionDraft;
  households: number;
  enterprises: number;
}

export interface CommunityPlan {
  region: RegionDraft;
  kind: '社区' | '村';
  special: boolean;
  grids: GridPlan[];
}

export interface StreetPlan {
  region: RegionDraft;
  /** 宁围 for 宁围街道: how sole traders' names refer to the street. */
  shortName: string;
  communities: CommunityPlan[];
}

export interface DistrictPlan {
  division: DistrictDivision;
  region: RegionDraft;
  streets: StreetPlan[];
  /** Every region, parents before children (the order to insert them in). */
  regions: RegionDraft[];
  grids: GridPlan[];
}

export interface DistrictSizes {
  grids: number;
  households: number;
  enterprises: number;
}

function streetKind(name: string): string {
  const m = name.match(/(街道|镇|乡)$/);
  return m ? (m[1] as string) : '其他';
}

const uniform = (rng: Rng, min: number, max: number) => min + rng.next() * (max - min);

export function planDistrict(
  division: DistrictDivision,
  sizes: DistrictSizes,
  rng: Rng,
  nextId: () => string,
): DistrictPlan {
  const regions: RegionDraft[] = [];
  const add = (r: Omit<RegionDraft, 'id'>): RegionDraft => {
    const region = { id: nextId(), ...r };
    regions.push(region);
    return region;
  };

  const districtRegion = add({
    parentId: null,
    level: 'district',
    code: division.code,
    name: division.name,
    kind: division.name.slice(-1),
    path: division.code,
    sortOrder: 1,
  });

  const communities = division.streets.flatMap((s) =>
    s.communities.map((c) => ({ street: s, community: c })),
  );
  const communityWeights = communities.map(({ street, community }) => {
    if (isSpecialCommunity(community.code)) return 0.15;
    const base = communityKind(community.code) === '村' ? uniform(rng, 0.6, 1.2) : uniform(rng, 0.7, 1.5);
    return isSpecialStreet(street.code) ? base * 0.3 : base;
  });
  const gridsPerCommunity = apportion(sizes.grids, communityWeights, 1);

  const grids: GridPlan[] = [];
  const householdWeights: number[] = [];
  const enterpriseWeights: number[] = [];
  let communityIndex = 0;

  const streets: StreetPlan[] = division.streets.map((s, si) => {
    const streetRegion = add({
      parentId: districtRegion.id,
      level: 'street',
      code: s.code,
      name: s.name,
      kind: streetKind(s.name),
      path: `${districtRegion.path}.${s.code}`,
      sortOrder: si + 1,
    });
    const communityPlans = s.communities.map((c, ci): CommunityPlan => {
      const kind = communityKind(c.code);
      const special = isSpecialCommunity(c.code) || isSpecialStreet(s.code);
      const name = communityDisplayName(c.name);
      const communityRegion = add({
        parentId: streetRegion.id,
        level: 'community',
        code: c.code,
        name,
        kind,
        path: `${streetRegion.path}.${c.code}`,
        sortOrder: ci + 1,
      });
      const count = gridsPerCommunity[communityIndex++] ?? 0;
      const gridPlans: GridPlan[] = [];
      for (let g = 1; g <= count; g++) {
        const code = `${c.code}-G${String(g).padStart(2, '0')}`;
        const grid: GridPlan = {
          region: add({
            parentId: communityRegion.id,
            level: 'grid',
            code,
            name: `${name}第${g}网格`,
            kind: null,
            path: `${communityRegion.path}.${code}`,
            sortOrder: g,
          }),
          households: 0,
          enterprises: 0,
        };
        gridPlans.push(grid);
        grids.push(grid);
        householdWeights.push((special ? 0.3 : 1) * uniform(rng, 0.75, 1.25));
        enterpriseWeights.push((special ? 12 : kind === '村' ? 1.6 : 0.8) * uniform(rng, 0.5, 1.5));
      }
      return { region: communityRegion, kind, special, grids: gridPlans };
    });
    return {
      region: streetRegion,
      shortName: s.name.replace(/(街道|镇|乡)$/, ''),
      communities: communityPlans,
    };
  });

  const households = apportion(sizes.households, householdWeights);
  const enterprises = apportion(sizes.enterprises, enterpriseWeights);
  grids.forEach((grid, i) => {
    grid.households = households[i] ?? 0;
    grid.enterprises = enterprises[i] ?? 0;
  });

  return { division, region: districtRegion, streets, regions, grids };
}
