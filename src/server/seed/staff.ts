import { AS_OF } from './dates.ts';
import { fullName, surname } from './names.ts';
import { mobilePhone } from './phones.ts';
import type { Rng } from './random.ts';

/**
 * The people who do the visiting, after "一网格一分队": every grid has a grid worker and a social
 * worker and one cadre permanently attached to it (a district cadre sent down, 下沉干部, or else a
 * street cadre), every community or village has its secretary and director, and the street office
 * has its own cadres. Ningwei's campaign figures (106 district cadres for 171 grids) set the share
 * of grids with a district cadre.
 */
export interface StaffDraft {
  name: string;
  post: string;
  phone: string;
}

export const STAFF_POSTS = {
  gridWorker: '网格员',
  socialWorker: '社工',
  districtCadre: '区级下沉干部',
  streetLiaison: '街道联系干部',
  communitySecretary: '社区书记',
  communityDirector: '社区主任',
  villageSecretary: '村书记',
  villageDirector: '村主任',
  streetCadre: '街道干部',
} as const;

/**
 * A demo staff number (工号): the region's code and the person's place among its staff, e.g.
 * 330109013002-G01-S02. Deterministic and unique within the district (region codes are), so a
 * staff import recognises the seeded people again.
 */
export function staffCode(regionCode: string, index: number): string {
  return `${regionCode}-S${String(index + 1).padStart(2, '0')}`;
}

const DISTRICT_CADRE_SHARE = 106 / 171;
export const STREET_OFFICE_STAFF = 40;

function person(rng: Rng, post: string, minAge: number, maxAge: number): StaffDraft {
  const gender = rng.chance(0.5) ? 'M' : 'F';
  const birthYear = Number(AS_OF.slice(0, 4)) - rng.between(minAge, maxAge);
  return { name: fullName(rng, gender, birthYear, surname(rng, true)), post, phone: mobilePhone(rng) };
}

export function gridStaff(rng: Rng): StaffDraft[] {
  return [
    person(rng, STAFF_POSTS.gridWorker, 24, 50),
    person(rng, STAFF_POSTS.socialWorker, 23, 45),
    rng.chance(DISTRICT_CADRE_SHARE)
      ? person(rng, STAFF_POSTS.districtCadre, 28, 55)
      : person(rng, STAFF_POSTS.streetLiaison, 26, 55),
  ];
}

export function communityStaff(rng: Rng, kind: '社区' | '村'): StaffDraft[] {
  const village = kind === '村';
  return [
    person(rng, village ? STAFF_POSTS.villageSecretary : STAFF_POSTS.communitySecretary, 35, 58),
    person(rng, village ? STAFF_POSTS.villageDirector : STAFF_POSTS.communityDirector, 32, 58),
  ];
}

export function streetOfficeStaff(rng: Rng, count: number = STREET_OFFICE_STAFF): StaffDraft[] {
  return Array.from({ length: count }, () => person(rng, STAFF_POSTS.streetCadre, 25, 58));
}
