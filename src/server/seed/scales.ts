import {
  type DistrictDivision,
  hangzhouTerritory,
  ningweiTerritory,
  xiaoshanTerritory,
} from './divisions.ts';
import type { DistrictSizes } from './hierarchy.ts';
import { SeedError } from './seed-error.ts';

/**
 * The deployment sizes of docs/specs/performance.md. Ningwei street has 171 grids (its published
 * campaign figures); a street of ~200k residents in ~70k households with ~1,500 enterprises.
 * Xiaoshan district has 2,048 grids and 2.7M residents: at the generator's ~2.83 persons per
 * household that is ~950k households. A city is ten districts.
 */
export const SEED_SCALES = ['demo', 'street', 'district', 'city'] as const;
export type SeedScale = (typeof SEED_SCALES)[number];

export interface ScalePlan {
  territory: () => Promise<DistrictDivision[]>;
  /** Sizes of each district. */
  sizes: DistrictSizes;
}

const STREET: DistrictSizes = { grids: 171, households: 70_000, enterprises: 1_500 };
const DISTRICT: DistrictSizes = { grids: 2_048, households: 950_000, enterprises: 18_000 };

/**
 * The demo is the real street (all 171 grids, all enterprises and staff) with fewer households
 * per grid (~117 instead of ~410). Measured on PGlite on this 2-core machine: the full street
 * seeds in ~33 s, too long for a first start within 30 s; 20,000 households seed in 8–10 s.
 */
export const DEMO_HOUSEHOLDS = 20_000;

export function scalePlan(scale: SeedScale, householdsOverride?: number): ScalePlan {
  const base: ScalePlan =
    scale === 'demo'
      ? {
          territory: async () => ningweiTerritory(),
          sizes: {
            ...STREET,
            households: DEMO_HOUSEHOLDS,
          },
        }
      : scale === 'street'
        ? { territory: async () => ningweiTerritory(), sizes: STREET }
        : scale === 'district'
          ? { territory: xiaoshanTerritory, sizes: DISTRICT }
          : { territory: () => hangzhouTerritory(10), sizes: DISTRICT };
  if (householdsOverride === undefined) return base;
  if (!Number.isInteger(householdsOverride) || householdsOverride < 0) {
    throw new SeedError('The number of households must be a non-negative integer.');
  }
  // Enterprises shrink with the households, keeping a handful so that every kind appears.
  const enterprises = Math.max(
    Math.min(base.sizes.enterprises, 20),
    Math.round((base.sizes.enterprises * householdsOverride) / base.sizes.households),
  );
  return { ...base, sizes: { ...base.sizes, households: householdsOverride, enterprises } };
}
