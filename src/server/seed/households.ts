import { birthDateForAge } from './dates.ts';
import { foreignName, givenName, surname } from './names.ts';
import { type Rng, weighted } from './random.ts';

/**
 * Households as the household register (户口簿) records them: a head (户主) and the others by their
 * relationship to the head. Each household is drawn from a type (single, couple, parents with
 * children, three generations …) with shares close to Zhejiang's 2020 census (a quarter of
 * households are one person; about 2.9 persons per household), so that the ages of the members
 * fit together and the population gets a plausible age pyramid.
 */
export type Gender = 'M' | 'F';

export interface PersonDraft {
  name: string;
  gender: Gender;
  birthDate: string;
  relationship: string;
  /** A foreign national: no resident ID number. */
  foreign: boolean;
  hasPhone: boolean;
}

export interface HouseholdDraft {
  members: PersonDraft[];
  tags: string[];
  /** Moved here from elsewhere (新居民): mostly renters. */
  newResident: boolean;
}

export const HOUSEHOLD_TAGS = ['低保', '优抚', '残疾', '独居老人', '留守', '外籍', '新居民'] as const;

type HouseholdType =
  | 'single-young'
  | 'single-middle'
  | 'single-elderly'
  | 'couple-young'
  | 'couple-elderly'
  | 'nuclear'
  | 'single-parent'
  | 'three-gen-down'
  | 'three-gen-up'
  | 'left-behind';

const pickType = weighted<HouseholdType>([
  ['single-young', 11],
  ['single-middle', 4],
  ['single-elderly', 4],
  ['couple-young', 8],
  ['couple-elderly', 12],
  ['nuclear', 36],
  ['single-parent', 4],
  ['three-gen-down', 12],
  ['three-gen-up', 7],
  ['left-behind', 2],
]);

// Share of new residents by household type: young singles and couples are mostly migrants.
const NEW_RESIDENT_SHARE: Record<HouseholdType, number> = {
  'single-young': 0.6,
  'single-middle': 0.25,
  'single-elderly': 0.01,
  'couple-young': 0.5,
  'couple-elderly': 0.02,
  nuclear: 0.2,
  'single-parent': 0.1,
  'three-gen-down': 0.02,
  'three-gen-up': 0.05,
  'left-behind': 0,
};

/** Integer age in [min, max]: uniform, or peaked toward the middle (sum of two uniforms). */
function age(rng: Rng, min: number, max: number, peaked = false): number {
  const x = peaked ? (rng.next() + rng.next()) / 2 : rng.next();
  return Math.round(min + x * (max - min));
}

function phoneLikely(rng: Rng, years: number): boolean {
  if (years < 12) return false;
  if (years < 16) return rng.chance(0.4);
  if (years >= 80) return rng.chance(0.55);
  return rng.chance(0.96);
}

interface Builder {
  readonly members: PersonDraft[];
  add(relationship: string, gender: Gender, years: number, family: string, foreign?: boolean): PersonDraft;
  surname(): string;
}

function builder(rng: Rng, local: boolean): Builder {
  const members: PersonDraft[] = [];
  return {
    members,
    add(relationship, gender, years, family, foreign = false) {
      const birthDate = birthDateForAge(rng, years);
      const person: PersonDraft = {
        name: foreign
          ? foreignName(rng, gender)
          : family + givenName(rng, gender, Number(birthDate.slice(0, 4))),
        gender,
        birthDate,
        relationship,
        foreign,
        hasPhone: foreign ? rng.chance(0.9) : phoneLikely(rng, years),
      };
      members.push(person);
      return person;
    },
    surname: () => surname(rng, local),
  };
}

const other = (g: Gender): Gender => (g === 'M' ? 'F' : 'M');

/** Wives are on average about two years younger than husbands. */
function spouseAge(rng: Rng, headAge: number, headGender: Gender): number {
  const gap = rng.between(-1, 5);
  return Math.max(20, headGender === 'M' ? headAge - gap : headAge + gap);
}

/** Children of a couple, aged so that the mother was 21–38 at each birth; none older than `maxAge`. */
function addChildren(
  b: Builder,
  rng: Rng,
  count: number,
  motherAge: number,
  family: string,
  relation: { son: string; daughter: string },
  maxAge = 30,
): number {
  let added = 0;
  for (let i = 0; i < count; i++) {
    const years = motherAge - rng.between(21, 38);
    if (years < 0 || years > maxAge) continue;
    const gender: Gender = rng.chance(0.52) ? 'M' : 'F';
    b.add(gender === 'M' ? relation.son : relation.daughter, gender, years, family);
    added++;
  }
  return added;
}

const CHILDREN = { son: '子', daughter: '女' };
const childCount = weighted([
  [1, 56],
  [2, 38],
  [3, 6],
]);

export function draftHousehold(rng: Rng): HouseholdDraft {
  const type = pickType(rng);
  const newResident = rng.chance(NEW_RESIDENT_SHARE[type]);
  const b = builder(rng, !newResident);
  const tags = new Set<string>();
  const headFamily = b.surname();

  switch (type) {
    case 'single-young':
      b.add('户主', rng.chance(0.6) ? 'M' : 'F', age(rng, 19, 40, true), headFamily);
      break;
    case 'single-middle':
      b.add('户主', rng.chance(0.55) ? 'M' : 'F', age(rng, 45, 64), headFamily);
      break;
    case 'single-elderly':
      // Women outlive men: most elderly people living alone are widows.
      b.add('户主', rng.chance(0.35) ? 'M' : 'F', age(rng, 65, 96), headFamily);
      tags.add('独居老人');
      break;
    case 'couple-young':
    case 'couple-elderly': {
      const headAge = type === 'couple-young' ? age(rng, 22, 36) : age(rng, 50, 90, true);
      const headGender: Gender = rng.chance(0.8) ? 'M' : 'F';
      b.add('户主', headGender, headAge, headFamily);
      // A few marriages with a foreign national; the foreign spouse has no resident ID.
      const foreign = type === 'couple-young' && !newResident && rng.chance(0.012);
      b.add('配偶', other(headGender), spouseAge(rng, headAge, headGender), b.surname(), foreign);
      if (foreign) tags.add('外籍');
      break;
    }
    case 'nuclear': {
      const headAge = age(rng, 27, 62);
      const headGender: Gender = rng.chance(0.82) ? 'M' : 'F';
      const spouseYears = spouseAge(rng, headAge, headGender);
      const spouseFamily = b.surname();
      const foreign = !newResident && rng.chance(0.006);
      b.add('户主', headGender, headAge, headFamily);
      b.add('配偶', other(headGender), spouseYears, spouseFamily, foreign);
      if (foreign) tags.add('外籍');
      const motherAge = headGender === 'F' ? headAge : spouseYears;
      const fatherFamily = headGender === 'M' || foreign ? headFamily : spouseFamily;
      addChildren(b, rng, childCount(rng), motherAge, rng.chance(0.95) ? fatherFamily : headFamily, CHILDREN);
      break;
    }
    case 'single-parent': {
      const headGender: Gender = rng.chance(0.3) ? 'M' : 'F';
      const headAge = age(rng, 30, 55);
      b.add('户主', headGender, headAge, headFamily);
      const kids = addChildren(
        b,
        rng,
        1,
        headGender === 'F' ? headAge : headAge - 2,
        headFamily,
        CHILDREN,
        25,
      );
      if (kids === 0) {
        const g: Gender = rng.chance(0.52) ? 'M' : 'F';
        b.add(g === 'M' ? '子' : '女', g, rng.between(3, 15), headFamily);
      }
      break;
    }
    case 'three-gen-down': {
      // The grandparents head the household; a married child and grandchildren live with them.
      const headAge = age(rng, 52, 76);
      const headGender: Gender = rng.chance(0.85) ? 'M' : 'F';
      const spouseYears = spouseAge(rng, headAge, headGender);
      b.add('户主', headGender, headAge, headFamily);
      b.add('配偶', other(headGender), spouseYears, b.surname());
      const motherAge = headGender === 'F' ? headAge : spouseYears;
      const childYears = Math.max(23, motherAge - rng.between(22, 32));
      const son = rng.chance(0.72);
      b.add(son ? '子' : '女', son ? 'M' : 'F', childYears, headFamily);
      const inLawFamily = b.surname();
      const inLawYears = Math.max(
        21,
        son ? childYears - rng.between(-1, 4) : childYears + rng.between(-1, 4),
      );
      b.add(son ? '儿媳' : '女婿', son ? 'F' : 'M', inLawYears, inLawFamily);
      const grandMother = son ? inLawYears : childYears;
      addChildren(b, rng, Math.min(2, childCount(rng)), grandMother, son ? headFamily : inLawFamily, {
        son: son ? '孙子' : '外孙子',
        daughter: son ? '孙女' : '外孙女',
      });
      break;
    }
    case 'three-gen-up': {
      // A couple with children takes in one or both of the head's parents.
      const headAge = age(rng, 32, 52);
      const headGender: Gender = rng.chance(0.85) ? 'M' : 'F';
      const spouseYears = spouseAge(rng, headAge, headGender);
      b.add('户主', headGender, headAge, headFamily);
      const spouseFamily = b.surname();
      b.add('配偶', other(headGender), spouseYears, spouseFamily);
      const motherAge = headGender === 'F' ? headAge : spouseYears;
      addChildren(
        b,
        rng,
        childCount(rng),
        motherAge,
        headGender === 'M' ? headFamily : spouseFamily,
        CHILDREN,
        25,
      );
      const motherYears = headAge + rng.between(22, 36);
      if (rng.chance(0.55)) b.add('父亲', 'M', motherYears + rng.between(0, 4), headFamily);
      b.add('母亲', 'F', motherYears, b.surname());
      break;
    }
    case 'left-behind': {
      // Grandparents raising grandchildren while the parents work elsewhere (留守).
      const headAge = age(rng, 55, 76);
      const headGender: Gender = rng.chance(0.6) ? 'M' : 'F';
      b.add('户主', headGender, headAge, headFamily);
      if (rng.chance(0.7)) b.add('配偶', other(headGender), spouseAge(rng, headAge, headGender), b.surname());
      const n = rng.chance(0.6) ? 1 : 2;
      for (let i = 0; i < n; i++) {
        const g: Gender = rng.chance(0.52) ? 'M' : 'F';
        b.add(g === 'M' ? '孙子' : '孙女', g, rng.between(3, 15), headFamily);
      }
      tags.add('留守');
      break;
    }
  }

  if (newResident) tags.add('新居民');
  // Assistance registers require a local household registration, so new residents are rarely on them.
  const elderly = b.members.some((m) => Number(m.birthDate.slice(0, 4)) <= 1960);
  if (!newResident) {
    const poorShare =
      type === 'single-elderly' ? 0.05 : type === 'single-parent' ? 0.07 : elderly ? 0.012 : 0.006;
    if (rng.chance(poorShare)) tags.add('低保');
    if (
      b.members.some((m) => m.gender === 'M' && Number(m.birthDate.slice(0, 4)) <= 1985) &&
      rng.chance(0.012)
    ) {
      tags.add('优抚');
    }
  }
  if (rng.chance(elderly ? 0.04 : 0.015)) tags.add('残疾');

  return { members: b.members, tags: HOUSEHOLD_TAGS.filter((t) => tags.has(t)), newResident };
}
