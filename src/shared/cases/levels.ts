import { reaches } from '../auth/reach.ts';
import type { Channel } from '../domain/case.ts';

/**
 * The levels a case moves through (docs/specs/workflow.md, "Levels"): the community (社区, with
 * its grids), the street (街道) and the district (区). A case is taken in at the level where it
 * arrives, is routed by that level's dispatchers, and goes up one level at a time when a level
 * cannot finish it. Its level never goes down, so the level it stands at is the highest it reached.
 */
export const CASE_LEVELS = { community: 0, street: 1, district: 2 } as const;
export type CaseLevel = (typeof CASE_LEVELS)[keyof typeof CASE_LEVELS];
export type CaseLevelName = keyof typeof CASE_LEVELS;

/** The highest level (district): a case cannot be escalated beyond it. */
export const TOP_LEVEL: CaseLevel = CASE_LEVELS.district;

/** The lowest level that may summon departments (吹哨报到 is a street's or a district's act). */
export const WHISTLE_LEVEL: CaseLevel = CASE_LEVELS.street;

export const LEVEL_NAMES: readonly CaseLevelName[] = ['community', 'street', 'district'];

/**
 * The level a region path stands at, by its depth: the district code alone is the district, a
 * street is one below it, a community, grid or micro-grid two or more below.
 */
export function levelOfPath(path: string): CaseLevel {
  return Math.max(0, 3 - path.split('.').length) as CaseLevel;
}

/** Where a case arrives, as far as its intake level depends on it. */
export interface Arrival {
  channel: Channel;
  /** The path of the place the case is about. */
  placePath: string;
  /**
   * The paths of the intake grants of whoever records it that reach the place (empty for a
   * resident's own report): the recorder's own office decides the level of a walk-in.
   */
  recorderPaths: readonly string[];
  /** The level hotline (12345) cases are taken in at, as the deployment configures it. */
  hotlineLevel: CaseLevel;
}

/**
 * The level a new case starts at. A visit's problem and a resident's own report (the grid's QR
 * code) arrive at the community; a hotline case at the configured level (street or district); anything else at the
 * office of whoever records it (the lowest level among their grants that reach the place). Never
 * below the place itself: a case about a street-level place cannot sit with a community.
 */
export function intakeLevel(arrival: Arrival): CaseLevel {
  const byChannel =
    arrival.channel === 'visit' || arrival.channel === 'self_report'
      ? CASE_LEVELS.community
      : arrival.channel === 'hotline_12345'
        ? arrival.hotlineLevel
        : Math.min(TOP_LEVEL, ...arrival.recorderPaths.map(levelOfPath));
  return Math.max(byChannel, levelOfPath(arrival.placePath)) as CaseLevel;
}

/**
 * The level an escalation (上报) hands the case to. A dispatcher holding the case passes it to the
 * next level up. A handling unit below the case's level (a community the street sent it to)
 * hands it back to the dispatchers of the case's own level — the level above that unit — rather
 * than skipping one; a unit at or above it passes it one level up. Above the district: refused.
 */
export function escalationTarget(level: number, unitLevel: number | null): number {
  return unitLevel !== null && unitLevel < level ? level : level + 1;
}

/** The level of a handling unit: a community or grid is the community; a department its own level. */
export function unitLevelOf(
  unit: { regionPath: string } | { departmentLevel: 'street' | 'district' },
): CaseLevel {
  return 'regionPath' in unit ? levelOfPath(unit.regionPath) : CASE_LEVELS[unit.departmentLevel];
}

/**
 * The dispatchers who route a case at `level`: those of the lowest level at or above it that has
 * any among `holders` (grants that reach the case's place). A community without its own
 * dispatcher is routed by its street's; a case the street escalated is the district's alone.
 */
export function levelDispatchers<T extends { scopePath: string }>(holders: readonly T[], level: number): T[] {
  const eligible = holders.filter((h) => levelOfPath(h.scopePath) >= level);
  if (eligible.length === 0) return [];
  const lowest = Math.min(...eligible.map((h) => levelOfPath(h.scopePath)));
  return eligible.filter((h) => levelOfPath(h.scopePath) === lowest);
}

/**
 * Whether a grant at `scopePath` belongs to the community or grid unit at `unitPath`: it reaches
 * the unit and stands at the community level itself. A street-wide grant (a liaison, a street
 * cadre) reaches every community but is not the community's own handler.
 */
export function isUnitMember(scopePath: string, unitPath: string | null): boolean {
  return reaches(scopePath, unitPath) && levelOfPath(scopePath) === CASE_LEVELS.community;
}

/** A level a case stood at, from when, and who handed it there (null: where it was taken in). */
export interface LevelStep {
  level: number;
  at: string;
  by: string | null;
}

/**
 * The levels a case passed, in order: where it was taken in, then each escalation that raised it.
 * An escalation that handed the case back to its own level (from a unit below it) adds no step.
 */
export function levelsPassed(
  intake: { level: number; at: string },
  escalations: readonly { level: number; at: string; by: string | null }[],
): LevelStep[] {
  const steps: LevelStep[] = [{ level: intake.level, at: intake.at, by: null }];
  for (const e of escalations) {
    if (e.level > (steps.at(-1) as LevelStep).level) steps.push(e);
  }
  return steps;
}
