import { describe, expect, it } from 'vitest';
import type { FieldHousehold, FieldPack } from '../../../shared/domain/field-directory.ts';
import {
  byNumber,
  keptHouseholdsAt,
  keptPlaces,
  searchKeptEnterprises,
  searchKeptHouseholds,
} from './directory-offline.ts';

const GRID = '0190f6a2-1b2c-7d3e-8f40-123456789abc';
let n = 0;
function household(parts: Partial<FieldHousehold>): FieldHousehold {
  n += 1;
  return {
    id: `0190f6a2-1b2c-7d3e-8f40-${String(n).padStart(12, '0')}`,
    code: `H${n}`,
    address: `宁围街道${parts.estate ?? ''}${parts.building ?? ''}${parts.unit ?? ''}${parts.room ?? ''}`,
    estate: null,
    building: null,
    unit: null,
    room: null,
    gridId: GRID,
    gridName: '一网格',
    isKey: false,
    lastVisitAt: null,
    names: [],
    phoneLast4: [],
    ...parts,
  };
}

const pack: FieldPack = {
  grid: { id: GRID, name: '一网格' },
  households: [
    household({
      estate: '宁泰花园',
      building: '10幢',
      unit: '1单元',
      room: '1201室',
      names: ['王丽'],
      phoneLast4: ['5678'],
    }),
    household({ estate: '宁泰花园', building: '2幢', unit: '1单元', room: '301室', names: ['李强'] }),
    household({ building: '3组', room: '12号', names: ['张三'] }),
  ],
  enterprises: [
    {
      id: '0190f6a2-1b2c-7d3e-8f40-aaaaaaaaaaaa',
      name: '杭州测试科技有限公司',
      address: '鸿宁路1688号',
      gridId: GRID,
      gridName: '一网格',
      contactName: '赵敏',
      contactPhoneLast4: '4321',
      liaisonName: null,
      mine: false,
      lastVisitAt: null,
    },
  ],
  truncated: false,
  generatedAt: '2026-12-05T10:00:00.000Z',
};

describe('the kept directory offline', () => {
  it('finds households by name, building or a phone’s last four digits, and enterprises by contact phone', () => {
    expect(searchKeptHouseholds([pack], '王丽').map((h) => h.room)).toEqual(['1201室']);
    expect(searchKeptHouseholds([pack], '2幢').map((h) => h.room)).toEqual(['301室']);
    expect(searchKeptHouseholds([pack], '5678').map((h) => h.room)).toEqual(['1201室']);
    expect(searchKeptHouseholds([pack], '9999')).toEqual([]);
    expect(searchKeptEnterprises([pack], '4321', false)).toHaveLength(1);
    expect(searchKeptEnterprises([pack], '', true)).toEqual([]);
  });

  it('browses estate → building → unit, a village house under "none", in counting order', () => {
    const estates = keptPlaces([pack], {});
    expect(estates.level).toBe('estate');
    expect(byNumber(estates.items, (p) => p.value)).toEqual([
      { value: '', households: 1 },
      { value: '宁泰花园', households: 2 },
    ]);
    const buildings = keptPlaces([pack], { estate: '宁泰花园' });
    expect(byNumber(buildings.items, (p) => p.value).map((p) => p.value)).toEqual(['2幢', '10幢']);
    expect(keptHouseholdsAt([pack], { estate: '', building: '3组', unit: '' }).map((h) => h.room)).toEqual([
      '12号',
    ]);
  });
});
