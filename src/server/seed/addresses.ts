import type { Rng } from './random.ts';

/**
 * Addresses inside a community. Urban communities are made of estates (小区) with buildings (幢),
 * units (单元) and rooms (室, floor × 100 + door); villages are made of groups (组) and house
 * numbers (号), where new residents typically rent rooms in villagers' houses. Estate names are
 * invented (word pools below), unique within a district; the first estate of a community is often
 * a resettlement estate named after it, as is common in Xiaoshan's urbanised villages.
 */
export interface Address {
  address: string;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
}

export interface AddressBook {
  next(renter: boolean): Address;
}

// biome-ignore format: a compact table reads better than one entry per line
const ESTATE_WORDS = [
  '宁泰',
  '宁悦',
  '宁康',
  '宁和',
  '金辉',
  '金澜',
  '锦绣',
  '锦江',
  '江澜',
  '江悦',
  '潮鸣',
  '潮悦',
  '观澜',
  '揽月',
  '云栖',
  '云澜',
  '星河',
  '星悦',
  '翠苑',
  '翡翠',
  '玉兰',
  '丹桂',
  '海棠',
  '紫薇',
  '新城',
  '世纪',
  '滨江',
  '钱塘',
  '湾畔',
  '望江',
  '和美',
  '康乐',
  '幸福',
  '阳光',
  '东方',
  '南岸',
  '北岸',
  '春晓',
  '秋涛',
  '明珠',
  '嘉禾',
  '瑞祥',
  '恒隆',
  '华府',
  '御景',
  '悦澜',
  '澄园',
  '知音',
  '听潮',
  '融创',
  '盛世',
  '银河',
  '东湖',
  '西溪',
  '临江',
  '印象',
  '枫林',
  '桂语',
  '兰亭',
  '梧桐',
  '香樟',
  '天鹅',
  '博雅',
  '文澜',
  '启航',
];
// biome-ignore format: a compact table reads better than one entry per line
const ESTATE_SUFFIXES = [
  '花园',
  '家园',
  '花苑',
  '雅苑',
  '华庭',
  '府',
  '公寓',
  '新村',
  '小区',
  '名邸',
  '里',
  '公馆',
  '嘉园',
  '景苑',
  '佳苑',
  '苑',
  '城',
  '轩',
  '湾',
  '望府',
];
const PHASES = ['', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const RESETTLEMENT_SUFFIXES = ['家园', '新村', '花苑', '安置小区', '社区小区'];

export interface EstateNamer {
  next(rng: Rng, communityRoot?: string): string;
}

/** Estate names unique within one district. */
export function createEstateNamer(): EstateNamer {
  const used = new Set<string>();
  return {
    next(rng, communityRoot) {
      if (communityRoot) {
        for (const suffix of RESETTLEMENT_SUFFIXES) {
          const name = communityRoot + suffix;
          if (!used.has(name)) {
            used.add(name);
            return name;
          }
        }
      }
      for (let attempt = 0; ; attempt++) {
        let name = rng.pick(ESTATE_WORDS) + rng.pick(ESTATE_SUFFIXES);
        // Past the pools' combinations (large districts), numbered phases: 宁泰花园二期.
        if (attempt >= 200) name += `${attempt}区`;
        else if (attempt >= 20) name += `${PHASES[Math.floor(attempt / 20)]}期`;
        if (!used.has(name)) {
          used.add(name);
          return name;
        }
      }
    },
  };
}

interface EstateLayout {
  name: string;
  buildings: number;
  units: number;
  floors: number;
  doors: number;
}

function newEstate(rng: Rng, name: string, apartments: boolean): EstateLayout {
  if (apartments) {
    return {
      name,
      buildings: rng.between(1, 6),
      units: 1,
      floors: rng.between(6, 20),
      doors: rng.between(10, 20),
    };
  }
  if (rng.chance(0.6)) {
    return {
      name,
      buildings: rng.between(6, 24),
      units: rng.between(1, 2),
      floors: rng.between(11, 33),
      doors: rng.between(2, 4),
    };
  }
  return {
    name,
    buildings: rng.between(10, 60),
    units: rng.between(2, 4),
    floors: rng.between(5, 7),
    doors: 2,
  };
}

/** Sequential addresses of an urban community: estate by estate, skipping some vacant homes. */
function urbanBook(
  rng: Rng,
  prefix: string,
  root: string,
  namer: EstateNamer,
  special: boolean,
): AddressBook {
  let estate: EstateLayout | undefined;
  let b = 1;
  let u = 1;
  let f = 1;
  let d = 1;
  const advance = () => {
    if (!estate) return;
    if (++d > estate.doors) {
      d = 1;
      if (++f > estate.floors) {
        f = 1;
        if (++u > estate.units) {
          u = 1;
          if (++b > estate.buildings) estate = undefined;
        }
      }
    }
  };
  let estates = 0;
  return {
    next() {
      for (;;) {
        if (!estate) {
          const name = special
            ? `${root}${rng.pick(['职工公寓', '人才公寓', '宿舍'])}${estates > 0 ? `${estates + 1}区` : ''}`
            : namer.next(rng, estates === 0 && rng.chance(0.5) ? root : undefined);
          estate = newEstate(rng, name, special);
          estates++;
          b = 1;
          u = 1;
          f = 1;
          d = 1;
        }
        const current = estate;
        const building = `${b}幢`;
        const unit = current.units > 1 || !special ? `${u}单元` : null;
        const room = `${f * 100 + d}室`;
        advance();
        if (rng.chance(0.08)) continue; // vacant
        return {
          address: `${prefix}${current.name}${building}${unit ?? ''}${room}`,
          estate: current.name,
          building,
          unit,
          room,
        };
      }
    },
  };
}

/** Village addresses: natives in their own houses, renters in rooms of a house. */
function villageBook(rng: Rng, prefix: string, village: string): AddressBook {
  let group = 1;
  let house = 0;
  let housesInGroup = rng.between(50, 120);
  let rentedHouse: { group: number; house: number; rooms: number; next: number } | undefined;
  const nextHouse = () => {
    if (++house > housesInGroup) {
      group++;
      house = 1;
      housesInGroup = rng.between(50, 120);
    }
    return { group, house };
  };
  return {
    next(renter) {
      if (renter) {
        if (!rentedHouse || rentedHouse.next > rentedHouse.rooms) {
          const h = nextHouse();
          rentedHouse = { ...h, rooms: rng.between(2, 8), next: 0 };
        }
        const n = rentedHouse.next++;
        const room = `${rentedHouse.house}号${Math.floor(n / 4) + 1}0${(n % 4) + 1}室`;
        const building = `${rentedHouse.group}组`;
        return { address: `${prefix}${village}${building}${room}`, estate: null, building, unit: null, room };
      }
      const h = nextHouse();
      const building = `${h.group}组`;
      const room = `${h.house}号`;
      return { address: `${prefix}${village}${building}${room}`, estate: null, building, unit: null, room };
    },
  };
}

export interface CommunityAddressContext {
  /** e.g. 萧山区宁围街道 */
  prefix: string;
  /** Display name of the community, e.g. 振宁社区 or 宁新村. */
  community: string;
  kind: '社区' | '村';
  special: boolean;
  namer: EstateNamer;
}

export function createAddressBook(rng: Rng, ctx: CommunityAddressContext): AddressBook {
  if (ctx.kind === '村') return villageBook(rng, ctx.prefix, ctx.community);
  const root = ctx.community.replace(/(社区|生活区|（虚拟）)+$/, '').replace(/虚拟$/, '');
  return urbanBook(rng, ctx.prefix, root || ctx.community, ctx.namer, ctx.special);
}

/** A road address for enterprises: 萧山区宁围街道鸿宁路1688号 (…2幢501室). */
// biome-ignore format: a compact table reads better than one entry per line
const ROADS = [
  '市心北路',
  '鸿宁路',
  '金一路',
  '民和路',
  '平澜路',
  '奔竞大道',
  '博奥路',
  '耕文路',
  '利一路',
  '宁税路',
  '宁东路',
  '宁新路',
  '新华路',
  '钱农东路',
  '江潮路',
  '前湾路',
  '建设一路',
  '建设二路',
  '建设三路',
  '振宁路',
  '兴议路',
  '通惠北路',
  '风情大道',
  '机场路',
  '红十五线',
  '宁围路',
  '丰二路',
  '传化路',
  '新世纪路',
  '明星路',
];

export function enterpriseAddress(rng: Rng, prefix: string): string {
  const base = `${prefix}${rng.pick(ROADS)}${rng.between(1, 2999)}号`;
  if (rng.chance(0.4)) return `${base}${rng.between(1, 12)}幢${rng.between(1, 25)}0${rng.between(1, 9)}室`;
  return base;
}
