import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../domain/case.ts';
import {
  CASE_LEVELS,
  escalationTarget,
  intakeLevel,
  isUnitMember,
  levelDispatchers,
  levelOfPath,
  TOP_LEVEL,
  unitLevelOf,
} from './levels.ts';

const DISTRICT = '330109';
const STREET = '330109.001';
const COMMUNITY = '330109.001.002';
const GRID = '330109.001.002.03';

describe('case levels', () => {
  it('reads the level off a path: district, street, community and below', () => {
    expect(levelOfPath(DISTRICT)).toBe(CASE_LEVELS.district);
    expect(levelOfPath(STREET)).toBe(CASE_LEVELS.street);
    expect(levelOfPath(COMMUNITY)).toBe(CASE_LEVELS.community);
    expect(levelOfPath(GRID)).toBe(CASE_LEVELS.community);
    expect(unitLevelOf({ regionPath: GRID })).toBe(0);
    expect(unitLevelOf({ departmentLevel: 'street' })).toBe(1);
    expect(unitLevelOf({ departmentLevel: 'district' })).toBe(2);
  });

  it('takes a case in where it arrives', () => {
    const at = (channel: (typeof CHANNELS)[number], recorderPaths: string[], placePath = GRID) =>
      intakeLevel({ channel, placePath, recorderPaths, hotlineLevel: CASE_LEVELS.street });
    // A visit's problem and a resident's own (QR code) report: the community.
    expect(at('visit', [STREET])).toBe(0);
    expect(at('self_report', [])).toBe(0);
    // The hotline: as configured.
    expect(at('hotline_12345', [DISTRICT])).toBe(1);
    expect(
      intakeLevel({
        channel: 'hotline_12345',
        placePath: GRID,
        recorderPaths: [],
        hotlineLevel: CASE_LEVELS.district,
      }),
    ).toBe(2);
    // A walk-in: the recorder's own office, the nearest of their grants.
    expect(at('walk_in', [COMMUNITY])).toBe(0);
    expect(at('walk_in', [STREET])).toBe(1);
    expect(at('walk_in', [DISTRICT, COMMUNITY])).toBe(0);
    // Never below the place itself.
    expect(at('visit', [STREET], STREET)).toBe(1);
    expect(at('self_report', [], DISTRICT)).toBe(2);
  });

  it('always starts a case at a level between its place and the district', () => {
    const paths = fc.constantFrom(DISTRICT, STREET, COMMUNITY, GRID);
    fc.assert(
      fc.property(
        fc.constantFrom(...CHANNELS),
        paths,
        fc.array(paths, { maxLength: 3 }),
        fc.constantFrom(CASE_LEVELS.street, CASE_LEVELS.district),
        (channel, placePath, recorderPaths, hotlineLevel) => {
          const level = intakeLevel({ channel, placePath, recorderPaths, hotlineLevel });
          expect(level).toBeGreaterThanOrEqual(levelOfPath(placePath));
          expect(level).toBeLessThanOrEqual(TOP_LEVEL);
        },
      ),
    );
  });

  it('escalates one level at a time, back to the sending level from a unit below it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.constantFrom(null, 0, 1, 2), (level, unitLevel) => {
        const target = escalationTarget(level, unitLevel);
        expect(target - level).toBeGreaterThanOrEqual(0);
        expect(target - level).toBeLessThanOrEqual(1);
        expect(target).toBe(unitLevel !== null && unitLevel < level ? level : level + 1);
      }),
    );
  });

  it("routes a case to its own level's dispatchers, or the nearest level above that has any", () => {
    const held = [
      { id: 'c', scopePath: COMMUNITY },
      { id: 's', scopePath: STREET },
      { id: 'd', scopePath: DISTRICT },
    ];
    const ids = (level: number, holders = held) => levelDispatchers(holders, level).map((h) => h.id);
    expect(ids(0)).toEqual(['c']);
    expect(ids(1)).toEqual(['s']);
    expect(ids(2)).toEqual(['d']);
    expect(ids(0, held.slice(1))).toEqual(['s']);
    expect(ids(1, [held[0] as (typeof held)[number]])).toEqual([]);
  });

  it("counts only the community's own grants as a community unit's members", () => {
    expect(isUnitMember(COMMUNITY, COMMUNITY)).toBe(true);
    expect(isUnitMember(COMMUNITY, GRID)).toBe(true);
    expect(isUnitMember(GRID, GRID)).toBe(true);
    expect(isUnitMember(STREET, COMMUNITY)).toBe(false);
    expect(isUnitMember(COMMUNITY, null)).toBe(false);
    expect(isUnitMember('330109.001.003', COMMUNITY)).toBe(false);
  });
});
