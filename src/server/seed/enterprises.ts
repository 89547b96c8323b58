import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  organisationCodeCheckChar,
} from '../../shared/validation/credit-code.ts';
import { enterpriseAddress } from './addresses.ts';
import { AS_OF } from './dates.ts';
import { fullName, surname } from './names.ts';
import { mobilePhone } from './phones.ts';
import { type Rng, weighted } from './random.ts';

/**
 * Enterprises registered in the district: limited companies (信用代码 91…), sole traders
 * (个体工商户, 92…) and, in villages, farmers' cooperatives (93…). Their unified social credit codes
 * carry the district's division code and a subject identifier in the post-2015 "MA…" form or
 * the older 9-digit organisation code, both with their GB 11714 check character. Names and codes
 * are unique within the district.
 */
export interface EnterpriseDraft {
  name: string;
  creditCode: string;
  address: string;
  tags: string[];
  contactName: string;
  contactPhone: string;
}

export const ENTERPRISE_TAGS = ['专精特新', '小升规', '新雏鹰', '百强'] as const;

const BRAND_CHARS =
  '宁华鑫瑞恒泰诚达新源盛宏远博顺润锦邦汇海天创智安康德信和美佳联星辰宇航迅捷飞腾正卓越凯亿万众合力通科森丰益嘉禾元弘泽凌峰启明朗晟昊昌';

type Industry = { name: string; tech: boolean; manufacturing: boolean };
const pickIndustry = weighted<Industry>([
  [{ name: '科技', tech: true, manufacturing: false }, 10],
  [{ name: '网络科技', tech: true, manufacturing: false }, 7],
  [{ name: '信息技术', tech: true, manufacturing: false }, 5],
  [{ name: '智能科技', tech: true, manufacturing: false }, 5],
  [{ name: '生物科技', tech: true, manufacturing: false }, 2],
  [{ name: '环保科技', tech: true, manufacturing: false }, 2],
  [{ name: '新材料', tech: true, manufacturing: true }, 3],
  [{ name: '机械', tech: false, manufacturing: true }, 5],
  [{ name: '汽车零部件', tech: false, manufacturing: true }, 4],
  [{ name: '纺织', tech: false, manufacturing: true }, 4],
  [{ name: '化纤', tech: false, manufacturing: true }, 2],
  [{ name: '印染', tech: false, manufacturing: true }, 1],
  [{ name: '五金', tech: false, manufacturing: true }, 3],
  [{ name: '电器', tech: false, manufacturing: true }, 3],
  [{ name: '包装', tech: false, manufacturing: true }, 2],
  [{ name: '食品', tech: false, manufacturing: true }, 2],
  [{ name: '服饰', tech: false, manufacturing: false }, 3],
  [{ name: '建材', tech: false, manufacturing: false }, 3],
  [{ name: '物流', tech: false, manufacturing: false }, 5],
  [{ name: '供应链管理', tech: false, manufacturing: false }, 4],
  [{ name: '贸易', tech: false, manufacturing: false }, 7],
  [{ name: '进出口', tech: false, manufacturing: false }, 2],
  [{ name: '电子商务', tech: false, manufacturing: false }, 5],
  [{ name: '餐饮管理', tech: false, manufacturing: false }, 3],
  [{ name: '建筑工程', tech: false, manufacturing: false }, 3],
  [{ name: '装饰工程', tech: false, manufacturing: false }, 3],
  [{ name: '文化传媒', tech: false, manufacturing: false }, 3],
  [{ name: '企业管理咨询', tech: false, manufacturing: false }, 2],
  [{ name: '物业管理', tech: false, manufacturing: false }, 1],
  [{ name: '实业', tech: false, manufacturing: true }, 2],
]);

// biome-ignore format: a compact table reads better than one entry per line
const SHOPS = [
  '便利店',
  '小吃店',
  '五金店',
  '理发店',
  '水果店',
  '面馆',
  '超市',
  '汽车修理部',
  '服装店',
  '快递服务部',
  '烟酒商行',
  '早餐店',
  '建材商行',
  '副食品店',
  '美容店',
  '药店',
];
const FARM_PRODUCE = ['果蔬', '花木', '水产', '粮油', '苗木', '葡萄'];

// Old-style organisation codes began with digits assigned by the issuing office.
const OLD_CODE_PREFIXES = ['14', '25', '70', '72', '73', '74', '75', '76', '77', '78', '79'];
const ID_CHARS = CREDIT_CODE_CHARSET;

export interface EnterpriseContext {
  /** 萧山区宁围街道 */
  addressPrefix: string;
  /** 宁围 (the street's name without 街道/镇), used in sole traders' names. */
  streetShort: string;
  village: boolean;
}

export function createEnterpriseFactory(districtCode: string, districtName: string) {
  const names = new Set<string>();
  const codes = new Set<string>();
  const districtShort = districtName.replace(/(区|县|市)$/, '');

  const brand = (rng: Rng) => {
    const a = rng.int(BRAND_CHARS.length);
    let b = rng.int(BRAND_CHARS.length - 1);
    if (b >= a) b++;
    return (BRAND_CHARS[a] as string) + (BRAND_CHARS[b] as string);
  };

  const subjectId = (rng: Rng, modern: boolean) => {
    let body: string;
    if (modern) {
      body = 'MA';
      for (let i = 0; i < 6; i++) body += ID_CHARS[i === 0 ? rng.between(2, 9) : rng.int(ID_CHARS.length)];
    } else {
      body = rng.pick(OLD_CODE_PREFIXES);
      for (let i = 0; i < 6; i++) body += String(rng.int(10));
    }
    return body + organisationCodeCheckChar(body);
  };

  const creditCode = (rng: Rng, category: '1' | '2' | '3', modern: boolean) => {
    for (;;) {
      const first17 = `9${category}${districtCode}${subjectId(rng, modern)}`;
      const code = first17 + creditCodeCheckChar(first17);
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };

  const uniqueName = (make: () => string) => {
    for (let attempt = 0; ; attempt++) {
      const name = make();
      const candidate =
        attempt < 30 ? name : name.replace(/(有限公司|专业合作社|[店部行馆市])$/, `${attempt}$1`);
      if (!names.has(candidate)) {
        names.add(candidate);
        return candidate;
      }
    }
  };

  return (rng: Rng, ctx: EnterpriseContext): EnterpriseDraft => {
    const kind = rng.next();
    const tags: string[] = [];
    let name: string;
    let code: string;
    if (ctx.village && kind < 0.03) {
      name = uniqueName(() => `杭州${districtShort}${brand(rng)}${rng.pick(FARM_PRODUCE)}专业合作社`);
      code = creditCode(rng, '3', true);
    } else if (kind < (ctx.village ? 0.25 : 0.18)) {
      name = uniqueName(() => `${districtName}${ctx.streetShort}${brand(rng)}${rng.pick(SHOPS)}`);
      code = creditCode(rng, '2', true);
    } else {
      const industry = pickIndustry(rng);
      // A few hundred enterprises in a district make its top-100 list; they are the large groups.
      const top = rng.chance(0.006);
      if (top) tags.push('百强');
      if (rng.chance(industry.tech || industry.manufacturing ? 0.06 : 0.01)) tags.push('专精特新');
      if (industry.manufacturing && rng.chance(0.04)) tags.push('小升规');
      if (industry.tech && rng.chance(0.06)) tags.push('新雏鹰');
      name = uniqueName(() => {
        const b = brand(rng);
        if (top) return `浙江${b}${rng.chance(0.5) ? '集团' : `${industry.name}集团`}有限公司`;
        const r = rng.next();
        if (r < 0.68) return `杭州${b}${industry.name}有限公司`;
        if (r < 0.82) return `杭州${districtShort}${b}${industry.name}有限公司`;
        if (r < 0.97) return `浙江${b}${industry.name}有限公司`;
        return `杭州${b}${industry.name}股份有限公司`;
      });
      // Codes of the "MA" form were issued from 2015 on; older companies kept their organisation code.
      code = creditCode(rng, '1', rng.chance(top ? 0.2 : 0.7));
    }
    const contactGender = rng.chance(0.65) ? 'M' : 'F';
    const contactBirthYear = Number(AS_OF.slice(0, 4)) - rng.between(25, 62);
    return {
      name,
      creditCode: code,
      address: enterpriseAddress(rng, ctx.addressPrefix),
      tags: ENTERPRISE_TAGS.filter((t) => tags.includes(t)),
      contactName: fullName(rng, contactGender, contactBirthYear, surname(rng, rng.chance(0.7))),
      contactPhone: mobilePhone(rng),
    };
  };
}
