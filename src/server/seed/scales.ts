import {
  type DistrictDivision,
  hangzhouTerritory,
  ningweiTerritory,
  PROVINCE_MAX_DISTRICTS,
  provinceTerritory,
  provinceWeights,
  xiaoshanTerritory,
} from './divisions.ts';
import type { DistrictSizes } from './hierarchy.ts';
import { apportion } from './random.ts';
import { SeedError } from './seed-error.ts';

/**
 * The deployment sizes of docs/specs/performance.md. Ningwei street has 171 grids (its published
 * campaign figures); a street of ~200k residents in ~70k households with ~1,500 enterprises.
 * Xiaoshan district has 2,048 grids and 2.7M residents: at the generator's ~2.83 persons per
 * household that is ~950k households. A city is ten districts. A province is N districts of
 * Zhejiang of falling sizes (provinceWeights), Xiaoshan the largest.
 */
export const SEED_SCALES = ['demo', 'street', 'district', 'city', 'province'] as const;
export type SeedScale = (typeof SEED_SCALES)[number];

export interface ScalePlan {
  territory: () => Promise<DistrictDivision[]>;
  /** Sizes of the territory's `index`-th district (0 is the first `territory` gives). */
  sizes: (index: number) => DistrictSizes;
}

export interface ScaleOptions {
  /** Households per district, overriding the scale's; for a province, the province's total. */
  households?: number;
  /** Districts of a province (the province scale only). */
  districts?: number;
}

const STREET: DistrictSizes = { grids: 171, households: 70_000, enterprises: 1_500 };
const DISTRICT: DistrictSizes = { grids: 2_048, households: 950_000, enterprises: 18_000 };

/**
 * The demo is the real street (all 171 grids, all enterprises and staff) with fewer households
 * per grid (~117 instead of ~410). Measured on PGlite on this 2-core machine: the full street
 * seeds in ~33 s, too long for a first start within 30 s; 20,000 households seed in 8–10 s.
 */
export const DEMO_HOUSEHOLDS = 20_000;

export const PROVINCE_DEFAULT_DISTRICTS = 12;
/** A county of a few thousand households still has a few grids to visit and report from. */
const PROVINCE_MIN_GRIDS = 3;
/** As the households override keeps: a handful, so that every kind of enterprise appears. */
const MIN_ENTERPRISES = 20;

/**
 * The households of a province of `districts` districts whose largest is Xiaoshan's size: 12
 * districts hold ~3.66M households (~10M residents), 90 about 7.5M.
 */
export function provinceDefaultHouseholds(districts: number): number {
  return provinceWeights(districts).reduce((sum, w) => sum + Math.round(DISTRICT.households * w), 0);
}

/**
 * Each district's share of the province's households (by provinceWeights, so largest first and
 * summing to the total), with grids and enterprises per household as in Xiaoshan (2,048 grids and
 * 18,000 enterprises for 950,000 households) and a floor of a few of each.
 */
function provinceSizes(districts: number, households: number): DistrictSizes[] {
  return apportion(households, provinceWeights(districts)).map((h) => ({
    households: h,
    grids: Math.max(PROVINCE_MIN_GRIDS, Math.round((h * DISTRICT.grids) / DISTRICT.households)),
    enterprises: Math.max(MIN_ENTERPRISES, Math.round((h * DISTRICT.enterprises) / DISTRICT.households)),
  }));
}

function checkHouseholds(households: number): void {
  if (!Number.isInteger(households) || households < 0) {
    throw new SeedError('The number of households must be a non-negative integer.');
  }
}

export function scalePlan(scale: SeedScale, options: ScaleOptions = {}): ScalePlan {
  const { households, districts } = options;
  if (scale === 'province') {
    const count = districts ?? PROVINCE_DEFAULT_DISTRICTS;
    if (!Number.isInteger(count) || count < 1 || count > PROVINCE_MAX_DISTRICTS) {
      throw new SeedError(
        `The number of districts must be an integer from 1 to ${PROVINCE_MAX_DISTRICTS} (Zhejiang's county-level units).`,
      );
    }
    if (households !== undefined) checkHouseholds(households);
    const sizes = provinceSizes(count, households ?? provinceDefaultHouseholds(count));
    return {
      territory: () => provinceTerritory(count),
      sizes: (index) => {
        const size = sizes[index];
        if (!size) throw new RangeError(`The province has no district ${index}.`);
        return size;
      },
    };
  }
  if (districts !== undefined) {
    throw new SeedError(`The number of districts applies to the province scale only, not ${scale}.`);
  }
  const base: { territory: ScalePlan['territory']; sizes: DistrictSizes } =
    scale === 'demo'
      ? { territory: async () => ningweiTerritory(), sizes: { ...STREET, households: DEMO_HOUSEHOLDS } }
      : scale === 'street'
        ? { territory: async () => ningweiTerritory(), sizes: STREET }
        : scale === 'district'
          ? { territory: xiaoshanTerritory, sizes: DISTRICT }
          : { territory: () => hangzhouTerritory(10), sizes: DISTRICT };
  let sizes = base.sizes;
  if (households !== undefined) {
    checkHouseholds(households);
    // Enterprises shrink with the households, keeping a handful so that every kind appears.
    const enterprises = Math.max(
      Math.min(sizes.enterprises, MIN_ENTERPRISES),
      Math.round((sizes.enterprises * households) / sizes.households),
    );
    sizes = { ...sizes, households, enterprises };
  }
  const fixed = sizes;
  return { territory: base.territory, sizes: () => fixed };
}
