import { type Rng, weighted } from './random.ts';

/**
 * Plausible Chinese personal names. Surname weights are approximate percentages: the national
 * list follows the ranking of the Ministry of Public Security's 2020 name report (王 李 张 刘 陈 …);
 * the local list leans toward surnames common in Xiaoshan (陈 王 沈 俞 徐 来 孔 韩 …). Given
 * names draw from characters popular in the person's birth decade, because 建国 and 梓涵 do not
 * belong to the same generation.
 */
// biome-ignore format: a compact table reads better than one entry per line
const NATIONAL_SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.12],
  ['李', 7.0],
  ['张', 6.74],
  ['刘', 5.1],
  ['陈', 4.61],
  ['杨', 3.22],
  ['黄', 2.45],
  ['赵', 2.23],
  ['吴', 2.05],
  ['周', 1.92],
  ['徐', 1.6],
  ['孙', 1.48],
  ['马', 1.45],
  ['朱', 1.34],
  ['胡', 1.27],
  ['郭', 1.2],
  ['何', 1.14],
  ['林', 1.05],
  ['高', 1.04],
  ['罗', 1.01],
  ['郑', 0.97],
  ['梁', 0.96],
  ['谢', 0.85],
  ['宋', 0.76],
  ['唐', 0.75],
  ['许', 0.72],
  ['韩', 0.71],
  ['邓', 0.7],
  ['冯', 0.69],
  ['曹', 0.67],
  ['彭', 0.65],
  ['曾', 0.64],
  ['肖', 0.62],
  ['田', 0.61],
  ['董', 0.6],
  ['潘', 0.58],
  ['袁', 0.57],
  ['蔡', 0.56],
  ['蒋', 0.55],
  ['余', 0.54],
  ['于', 0.53],
  ['杜', 0.52],
  ['叶', 0.51],
  ['程', 0.5],
  ['魏', 0.49],
  ['苏', 0.48],
  ['吕', 0.47],
  ['丁', 0.46],
  ['任', 0.45],
  ['卢', 0.44],
  ['姚', 0.43],
  ['沈', 0.42],
  ['钟', 0.41],
  ['姜', 0.4],
  ['崔', 0.39],
  ['谭', 0.38],
  ['陆', 0.37],
  ['范', 0.36],
  ['汪', 0.35],
  ['廖', 0.34],
  ['石', 0.33],
  ['金', 0.32],
  ['韦', 0.31],
  ['贾', 0.3],
  ['夏', 0.29],
  ['付', 0.28],
  ['方', 0.27],
  ['邹', 0.26],
  ['熊', 0.25],
  ['白', 0.24],
  ['孟', 0.23],
  ['秦', 0.22],
  ['邱', 0.21],
  ['侯', 0.2],
  ['江', 0.19],
  ['尹', 0.18],
  ['薛', 0.17],
  ['闫', 0.16],
  ['段', 0.15],
  ['雷', 0.14],
  ['龙', 0.13],
  ['黎', 0.13],
  ['史', 0.12],
  ['陶', 0.12],
  ['贺', 0.12],
  ['毛', 0.11],
  ['郝', 0.11],
  ['顾', 0.11],
  ['龚', 0.1],
  ['邵', 0.1],
  ['万', 0.1],
  ['覃', 0.1],
  ['武', 0.1],
  ['钱', 0.09],
  ['戴', 0.09],
  ['严', 0.09],
  ['莫', 0.08],
  ['孔', 0.08],
  ['向', 0.08],
  ['常', 0.08],
  ['汤', 0.08],
  ['康', 0.07],
  ['易', 0.07],
  ['乔', 0.07],
  ['赖', 0.07],
];

// biome-ignore format: a compact table reads better than one entry per line
const LOCAL_SURNAMES: readonly (readonly [string, number])[] = [
  ['陈', 7.0],
  ['王', 5.5],
  ['张', 3.2],
  ['沈', 3.0],
  ['徐', 3.0],
  ['李', 3.0],
  ['俞', 2.5],
  ['吴', 2.5],
  ['朱', 2.2],
  ['周', 2.2],
  ['杨', 1.8],
  ['黄', 1.8],
  ['金', 1.6],
  ['汪', 1.5],
  ['傅', 1.5],
  ['孙', 1.5],
  ['胡', 1.5],
  ['刘', 1.5],
  ['何', 1.4],
  ['高', 1.3],
  ['来', 1.2],
  ['韩', 1.2],
  ['施', 1.2],
  ['丁', 1.2],
  ['钱', 1.2],
  ['林', 1.2],
  ['孔', 1.0],
  ['倪', 1.0],
  ['蔡', 1.0],
  ['郑', 1.0],
  ['叶', 1.0],
  ['赵', 1.0],
  ['许', 1.0],
  ['方', 0.9],
  ['邵', 0.9],
  ['陆', 0.9],
  ['楼', 0.8],
  ['戴', 0.8],
  ['姚', 0.8],
  ['潘', 0.8],
  ['曹', 0.8],
  ['章', 0.8],
  ['蒋', 0.8],
  ['马', 0.8],
  ['冯', 0.7],
  ['董', 0.7],
  ['谢', 0.7],
  ['任', 0.6],
  ['华', 0.6],
  ['葛', 0.6],
  ['卢', 0.6],
  ['夏', 0.6],
  ['毛', 0.6],
  ['宣', 0.5],
  ['单', 0.5],
  ['屠', 0.5],
  ['裘', 0.4],
  ['田', 0.4],
  ['闻', 0.3],
  ['瞿', 0.3],
  ['盛', 0.3],
  ['孟', 0.3],
  ['娄', 0.3],
];

// Given-name characters by birth decade and gender.
const GIVEN: Record<'M' | 'F', readonly (readonly [number, string])[]> = {
  M: [
    [1960, '国建华明德福林根金水荣生富财兴庆民忠海松云春祥宝发才法炳耀章良仁志军强伟平成'],
    [1975, '伟强军勇杰磊涛斌鹏超峰刚辉明健波华亮俊飞建文晓东立新海江'],
    [1990, '伟杰磊鹏超峰俊涛斌浩宇凯健亮明晨辉文龙飞东波阳'],
    [2005, '浩宇杰鑫帅鹏磊超豪晨涛博文俊凯子天旭航一阳'],
    [9999, '子梓宇浩轩睿泽沐辰昊宸铭一诺奕晨俊逸博航锦嘉景皓煜安哲'],
  ],
  F: [
    [1960, '秀英芳兰凤珍娟美琴玉桂花梅菊萍娣月金仙素彩宝香爱雅亚春'],
    [1975, '丽娟芳燕静艳敏霞玲红婷丹萍慧琳颖晓雪洁英华蓉莉'],
    [1990, '丽娟燕静敏婷丹慧琳颖晓雪洁莉佳倩芳蕾晶'],
    [2005, '婷雪琪佳欣怡倩颖璐晶琳悦瑶雯蕾梦思露婧丹月莹静'],
    [9999, '梓欣怡可涵萱雨诗语思若一依沐晨琪悦彤妍希楚安清馨乐芮桐'],
  ],
};

// Share of one-character given names, higher for the generations born before 1990.
function singleCharShare(birthYear: number): number {
  if (birthYear < 1960) return 0.2;
  if (birthYear < 1990) return 0.3;
  if (birthYear < 2005) return 0.18;
  return 0.08;
}

const pickNational = weighted(NATIONAL_SURNAMES);
const pickLocal = weighted(LOCAL_SURNAMES);

/** A surname: `local` people are drawn from Xiaoshan's distribution, others from the national one. */
export function surname(rng: Rng, local: boolean): string {
  return local ? pickLocal(rng) : pickNational(rng);
}

export function givenName(rng: Rng, gender: 'M' | 'F', birthYear: number): string {
  const pool = GIVEN[gender].find(([until]) => birthYear < until)?.[1] ?? '';
  const char = () => pool[rng.int(pool.length)] as string;
  if (rng.chance(singleCharShare(birthYear))) return char();
  let first = char();
  let second = char();
  // Repeated characters (婷婷, 乐乐) are common among the young, rare otherwise.
  while (second === first && birthYear < 2000) second = char();
  if (birthYear >= 2005 && rng.chance(0.04)) first = second;
  return first + second;
}

export function fullName(rng: Rng, gender: 'M' | 'F', birthYear: number, family: string): string {
  return family + givenName(rng, gender, birthYear);
}

// Foreign spouses as their names are written in Chinese documents (Vietnam, Korea, Japan, Russia,
// the Philippines and others are the commonest origins of foreign spouses in Zhejiang).
// biome-ignore format: a compact table reads better than one entry per line
const FOREIGN_NAMES: Record<'M' | 'F', readonly string[]> = {
  F: [
    '阮氏红',
    '阮氏梅',
    '陈氏兰',
    '黎氏秋',
    '金秀贤',
    '朴智恩',
    '李惠媛',
    '佐藤美咲',
    '铃木花子',
    '安娜·彼得罗娃',
    '伊琳娜·伊万诺娃',
    '玛丽亚·桑托斯',
    '娜塔莎·科兹洛娃',
    '艾米丽·史密斯',
  ],
  M: [
    '金民俊',
    '朴成浩',
    '田中健太',
    '山本翔',
    '阮文雄',
    '约翰·史密斯',
    '丹尼尔·布朗',
    '亚历山大·彼得罗夫',
    '卡洛斯·加西亚',
    '艾哈迈德·哈桑',
    '迈克尔·琼斯',
  ],
};

export function foreignName(rng: Rng, gender: 'M' | 'F'): string {
  return rng.pick(FOREIGN_NAMES[gender]);
}
