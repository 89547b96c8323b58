import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../shared/validation/credit-code.ts';
import { idCardBirthDate, idCardGender, isValidIdCardNumber } from '../../shared/validation/id-card.ts';
import { isValidMobilePhone } from '../../shared/validation/phone.ts';
import { AS_OF, ageOn } from './dates.ts';
import { communityKind, ningweiTerritory, xiaoshanTerritory } from './divisions.ts';
import {
  type EnterpriseRecord,
  generateDistrict,
  type HouseholdRecord,
  type PersonRecord,
  type StaffRecord,
} from './generate.ts';
import { planDistrict } from './hierarchy.ts';
import { createIdFactory } from './ids.ts';
import { apportion, createRng } from './random.ts';
import { scalePlan } from './scales.ts';

/** The first item, failing the test when there is none. */
function first<T>(items: readonly T[]): T {
  const item = items[0];
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

function collect(seed: number, households: number, enterprises = 40) {
  const nextId = createIdFactory(seed, Date.parse(`${AS_OF}T00:00:00Z`));
  const ningwei = first(ningweiTerritory());
  const generated = generateDistrict(ningwei, { grids: 171, households, enterprises }, seed, nextId);
  const out = {
    plan: generated.plan,
    households: [] as HouseholdRecord[],
    persons: [] as PersonRecord[],
    enterprises: [] as EnterpriseRecord[],
    staff: [] as StaffRecord[],
  };
  for (const batch of generated.batches()) {
    if (batch.kind === 'households') {
      out.households.push(...batch.households);
      out.persons.push(...batch.persons);
    } else if (batch.kind === 'enterprises') out.enterprises.push(...batch.enterprises);
    else out.staff.push(...batch.staff);
  }
  return out;
}

describe('the PRNG', () => {
  it('repeats for a seed and stream, and differs between streams', () => {
    const a = createRng(7, 'x');
    const b = createRng(7, 'x');
    const c = createRng(7, 'y');
    const seqA = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(seqA);
  });

  it('apportions exactly, proportionally, with a minimum', () => {
    expect(apportion(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(apportion(171, [5, 0, 1], 1).reduce((s, n) => s + n, 0)).toBe(171);
    expect(apportion(171, [5, 0, 1], 1)[1]).toBe(1);
    expect(apportion(2, [5, 0, 1], 1)).toEqual([2, 0, 0]);
  });
});

describe('the territory', () => {
  it('puts 171 grids under Ningwei, every community and village with at least one', () => {
    const ningwei = first(ningweiTerritory());
    const plan = planDistrict(
      ningwei,
      scalePlan('street').sizes(0),
      createRng(1, 'h'),
      createIdFactory(1, 0),
    );
    expect(plan.region).toMatchObject({ code: '330109', name: '萧山区', level: 'district', path: '330109' });
    expect(plan.streets.map((s) => [s.region.code, s.region.name])).toEqual([['330109013', '宁围街道']]);
    expect(plan.grids).toHaveLength(171);
    const communities = first(plan.streets).communities;
    expect(communities.length).toBe(first(ningwei.streets).communities.length);
    for (const c of communities) {
      expect(c.grids.length).toBeGreaterThan(0);
      expect(c.region.kind).toBe(communityKind(c.region.code));
      expect(c.region.path).toBe(`330109.330109013.${c.region.code}`);
    }
    expect(communities.find((c) => c.region.code === '330109013206')?.region).toMatchObject({
      name: '宁新村',
      kind: '村',
    });
    expect(first(plan.grids).region.code).toBe('330109013002-G01');
    expect(first(plan.grids).region.path).toBe('330109.330109013.330109013002.330109013002-G01');
    expect(plan.grids.reduce((s, g) => s + g.households, 0)).toBe(70_000);
    expect(plan.grids.reduce((s, g) => s + g.enterprises, 0)).toBe(1_500);
  });

  it('spreads 2,048 grids over the real streets of Xiaoshan at district scale', async () => {
    const xiaoshan = first(await xiaoshanTerritory());
    const plan = planDistrict(
      xiaoshan,
      scalePlan('district').sizes(0),
      createRng(1, 'h'),
      createIdFactory(1, 0),
    );
    expect(plan.streets.length).toBe(27);
    expect(plan.grids).toHaveLength(2_048);
    expect(new Set(plan.regions.map((r) => r.code)).size).toBe(plan.regions.length);
    for (const r of plan.regions) {
      if (r.parentId === null) continue;
      const parent = plan.regions.find((p) => p.id === r.parentId);
      expect(r.path.startsWith(`${parent?.path}.`)).toBe(true);
    }
  });
});

describe('generation', () => {
  it('is deterministic: one seed, one population', () => {
    const a = collect(42, 400);
    const b = collect(42, 400);
    expect(b).toEqual(a);
    const c = collect(43, 400);
    expect(c.persons.map((p) => p.name)).not.toEqual(a.persons.map((p) => p.name));
  });

  it('gives every person a valid, unique ID number that matches their birth date and gender', () => {
    const { persons, households } = collect(5, 3_000);
    const today = new Date(`${AS_OF}T00:00:00Z`);
    const ids = new Set<string>();
    const foreignHouseholds = new Set(households.filter((h) => h.tags.includes('外籍')).map((h) => h.id));
    for (const p of persons) {
      if (p.idNumber === null) {
        expect(foreignHouseholds.has(p.householdId)).toBe(true);
        continue;
      }
      expect(isValidIdCardNumber(p.idNumber, today)).toBe(true);
      expect(p.idNumber.slice(0, 6)).toBe('330109');
      expect(idCardBirthDate(p.idNumber)).toBe(p.birthDate);
      expect(idCardGender(p.idNumber)).toBe(p.gender);
      ids.add(p.idNumber);
      if (p.phone !== null) expect(isValidMobilePhone(p.phone)).toBe(true);
    }
    expect(ids.size).toBe(persons.filter((p) => p.idNumber !== null).length);
  });

  it('builds households that look like a real street', () => {
    const { persons, households } = collect(9, 20_000);
    const perHousehold = persons.length / households.length;
    expect(perHousehold).toBeGreaterThan(2.6);
    expect(perHousehold).toBeLessThan(3.1);
    const share = (tag: string) => households.filter((h) => h.tags.includes(tag)).length / households.length;
    expect(share('新居民')).toBeGreaterThan(0.1);
    expect(share('新居民')).toBeLessThan(0.35);
    for (const tag of ['低保', '优抚', '残疾', '独居老人', '留守', '外籍']) {
      expect(share(tag)).toBeGreaterThan(0);
      expect(share(tag)).toBeLessThan(0.06);
    }
    // One head per household, and every 独居老人 household is one elderly person.
    const byHousehold = Map.groupBy(persons, (p) => p.householdId);
    for (const h of households) {
      const members = byHousehold.get(h.id) ?? [];
      expect(members.filter((m) => m.relationship === '户主')).toHaveLength(1);
      if (h.tags.includes('独居老人')) {
        expect(members).toHaveLength(1);
        expect(ageOn(first(members).birthDate)).toBeGreaterThanOrEqual(60);
      }
    }
    const ages = persons.map((p) => ageOn(p.birthDate));
    const between = (lo: number, hi: number) => ages.filter((a) => a >= lo && a <= hi).length / ages.length;
    expect(between(0, 14)).toBeGreaterThan(0.1);
    expect(between(15, 59)).toBeGreaterThan(0.55);
    expect(between(60, 120)).toBeGreaterThan(0.12);
    expect(new Set(households.map((h) => h.code)).size).toBe(households.length);
    expect(households.some((h) => /^萧山区宁围街道.+\d+幢(\d+单元)?\d+室$/.test(h.address))).toBe(true);
    expect(households.some((h) => /^萧山区宁围街道.+村\d+组\d+号/.test(h.address))).toBe(true);
  });

  it('registers enterprises with valid, unique credit codes of the district', () => {
    const { enterprises } = collect(3, 100, 1_500);
    expect(enterprises).toHaveLength(1_500);
    expect(new Set(enterprises.map((e) => e.creditCode)).size).toBe(1_500);
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(1_500);
    for (const e of enterprises) {
      expect(isValidCreditCode(e.creditCode)).toBe(true);
      expect(e.creditCode.slice(2, 8)).toBe('330109');
      expect(isValidMobilePhone(e.contactPhone)).toBe(true);
    }
    expect(enterprises.some((e) => /^杭州.+有限公司$/.test(e.name))).toBe(true);
    for (const tag of ['专精特新', '小升规', '新雏鹰', '百强']) {
      expect(enterprises.some((e) => e.tags.includes(tag))).toBe(true);
    }
  });

  it('staffs every grid and community', () => {
    const { staff, plan } = collect(3, 10);
    expect(staff.length).toBeGreaterThan(550);
    expect(staff.length).toBeLessThan(650);
    const byRegion = new Set(staff.map((s) => s.regionId));
    for (const g of plan.grids) expect(byRegion.has(g.region.id)).toBe(true);
    expect(staff.filter((s) => s.post === '区级下沉干部').length).toBeGreaterThan(80);
    for (const s of staff) expect(isValidMobilePhone(s.phone)).toBe(true);
  });
});
