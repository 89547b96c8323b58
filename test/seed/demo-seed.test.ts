import { afterAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { readAssessmentRules } from '../../src/server/modules/assessment/assessment-rules.ts';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { rebuildCaseFigures } from '../../src/server/modules/cases/case-figures.ts';
import { rebuildCoverageFigures } from '../../src/server/modules/coverage/coverage-figures.ts';
import { rebuildVisitFigures } from '../../src/server/modules/visits/visit-figures.ts';
import { seedDemo } from '../../src/server/seed/demo.ts';
import { reaches } from '../../src/shared/auth/reach.ts';
import { ADMIN_DUTIES, ROLE_PERMISSIONS, type Role } from '../../src/shared/auth/roles.ts';
import { levelOfPath } from '../../src/shared/cases/levels.ts';
import { calendarOf } from '../../src/shared/domain/assessment-rules.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { createTestDatabase } from '../support/db.ts';
import { expectRebuildEqualsKept } from '../support/figures.ts';

const cipher = createPiiCipher(Buffer.alloc(32, 7).toString('base64'));
const UNTIL = new Date();

let database: Database | undefined;
afterAll(async () => {
  await database?.close();
});

const DISPATCHER_STEPS = new Set([
  'accept',
  'answer',
  'reject',
  'merge',
  'dispatch',
  'resolve_on_spot',
  'cancel',
]);
const UNIT_STEPS = new Set(['sign', 'return', 'reply']);
const FIRST_RESPONDER_STEPS = new Set(['approve_reply', 'rate']);

describe('the whole demo street', () => {
  it('has cases acted on by who may act, visit plans, a pair and a spot check of its own people, and figures a rebuild keeps', async () => {
    database = await createTestDatabase();
    const summary = await seedDemo(database, {
      cipher,
      until: UNTIL,
      households: 300,
      cases: 300,
      visits: 1_500,
    });
    const { db } = database;
    const district = summary.districts[0] as string;
    const [practice] = summary.practice;

    const grants = await db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', onSameDistrict('u.id', 'g.user_id'))
      .leftJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
      .select(['u.id', 'u.username', 'g.role', 'r.path', 'g.scope_department_id'])
      .where('u.district_code', '=', district)
      .execute();
    const grantsOf = Map.groupBy(grants, (g) => g.id);
    const roles = (userId: string | null) => (grantsOf.get(userId ?? '') ?? []).map((g) => g.role as Role);
    const idOf = (username: string) => grants.find((g) => g.username === username)?.id as string;
    const pathOf = (username: string) => grants.find((g) => g.username === username)?.path as string;
    const reachesFor = (userId: string, permission: string, path: string) =>
      (grantsOf.get(userId) ?? []).some(
        (g) =>
          g.scope_department_id === null &&
          (ROLE_PERMISSIONS[g.role as Role] as readonly string[]).includes(permission) &&
          (g.path === null || reaches(g.path, path)),
      );

    // Cases: every step by an account the workflow lets take it; administrators never act.
    const events = await db
      .selectFrom('case_event as e')
      .innerJoin('case_record as c', onSameDistrict('c.id', 'e.case_id'))
      .select([
        'e.action',
        'e.actor_id',
        'e.actor_name',
        'c.region_path',
        'c.level',
        'c.first_responder_id',
        'c.submitted_by',
        'c.unit_department_id',
      ])
      .where('e.district_code', '=', district)
      .execute();
    expect(events.length).toBeGreaterThan(300);
    const acted = events.filter((e) => e.actor_id !== null);
    expect(acted.filter((e) => roles(e.actor_id).some((r) => ADMIN_DUTIES.includes(r)))).toEqual([]);
    for (const e of acted) {
      const mine = grantsOf.get(e.actor_id as string) ?? [];
      if (DISPATCHER_STEPS.has(e.action)) {
        expect(
          mine.some(
            (g) =>
              g.role === 'dispatcher' &&
              (g.path === null || reaches(g.path, e.region_path)) &&
              levelOfPath(g.path ?? district) >= e.level,
          ),
          `${e.action} by a dispatcher of the case's level`,
        ).toBe(true);
      } else if (UNIT_STEPS.has(e.action)) {
        expect(mine.some((g) => ROLE_PERMISSIONS[g.role as Role].includes('cases:handle'))).toBe(true);
        if (e.unit_department_id !== null)
          expect(mine.some((g) => g.scope_department_id === e.unit_department_id)).toBe(true);
      } else if (FIRST_RESPONDER_STEPS.has(e.action)) {
        expect(e.actor_id).toBe(e.first_responder_id);
      } else {
        expect(e.action).toBe('submit');
        expect(e.actor_id).toBe(e.submitted_by);
      }
    }
    expect(acted.some((e) => e.action === 'accept' && roles(e.actor_id).includes('dispatcher'))).toBe(true);
    // Every unit's step names an account of the unit, under that account's name: the units with no
    // demo login act through deactivated accounts, which take no other step and cannot sign in.
    const accounts = new Map(
      (
        await db
          .selectFrom('app_user')
          .select(['id', 'username', 'display_name', 'active'])
          .where('district_code', '=', district)
          .execute()
      ).map((u) => [u.id, u]),
    );
    const unitSteps = events.filter((e) => UNIT_STEPS.has(e.action));
    expect(unitSteps.length).toBeGreaterThan(0);
    for (const e of unitSteps) expect(accounts.get(e.actor_id ?? '')?.display_name).toBe(e.actor_name);
    for (const e of acted) expect(accounts.get(e.actor_id as string)?.display_name).toBe(e.actor_name);
    const retired = acted.filter((e) => accounts.get(e.actor_id as string)?.active === false);
    expect(retired.length).toBeGreaterThan(0);
    expect(retired.every((e) => UNIT_STEPS.has(e.action))).toBe(true);
    expect(retired.every((e) => accounts.get(e.actor_id as string)?.username.startsWith('unit-'))).toBe(true);
    expect(acted.some((e) => e.action === 'sign' && roles(e.actor_id).includes('dept_handler'))).toBe(true);

    // Visit rules: the street's, set by its leader.
    const street = await db
      .selectFrom('region')
      .select(['id', 'path'])
      .where('district_code', '=', district)
      .where('level', '=', 'street')
      .executeTakeFirstOrThrow();
    const rules = await db.selectFrom('visit_rule').selectAll().execute();
    expect(rules.map((r) => r.kind).sort()).toEqual(['coverage', 'night_target', 'quota', 'visit_days']);
    expect(rules.every((r) => r.region_id === street.id && r.created_by === idOf('leader'))).toBe(true);

    // Teams: one per grid of the demo workers' communities, members who may visit the grid; the
    // second community's with its sent-down cadre.
    const members = await db
      .selectFrom('visit_team as t')
      .innerJoin('visit_team_member as m', onSameDistrict('m.team_id', 't.id'))
      .select(['t.id', 't.grid_path', 'm.user_id', 'm.role'])
      .execute();
    const teams = Map.groupBy(members, (m) => m.id);
    expect(teams.size).toBe(practice?.teams);
    expect(teams.size).toBeGreaterThan(2);
    for (const m of members) expect(reachesFor(m.user_id, 'visits:write', m.grid_path)).toBe(true);
    const secondTeams = [...teams.values()].filter((t) => reaches(pathOf('worker2'), t[0]?.grid_path));
    expect(secondTeams.length).toBeGreaterThan(0);
    for (const t of secondTeams)
      expect(t.some((m) => m.role === 'cadre' && roles(m.user_id).includes('cadre'))).toBe(true);

    // 包联: every subject within the reach of who answers for it.
    const assignments = await db.selectFrom('visit_assignment').selectAll().execute();
    expect(assignments).toHaveLength(practice?.assignments ?? -1);
    const accompanied = await db
      .selectFrom('enterprise')
      .select('id')
      .where('liaison_user_id', '=', idOf('liaison'))
      .execute();
    const kinds = Map.groupBy(assignments, (a) => a.subject_type);
    expect(kinds.get('household')?.length).toBeGreaterThan(0);
    expect(kinds.get('region')?.map((a) => a.user_id)).toEqual([idOf('leader')]);
    expect(kinds.get('enterprise')?.length ?? 0).toBe(Math.min(5, accompanied.length));
    for (const a of assignments) {
      expect(a.district_code).toBe(district);
      expect(reachesFor(a.user_id, 'visits:write', a.region_path)).toBe(true);
    }

    // The mentoring pair, and the mentor's comments on the mentee's own visits.
    const pairs = await db.selectFrom('mentor_pair').selectAll().execute();
    expect(pairs.map((p) => [p.mentor_id, p.mentee_id, p.ended_on])).toEqual([
      [idOf('cadre'), idOf('worker2'), null],
    ]);
    const comments = await db
      .selectFrom('visit_comment as c')
      .innerJoin('visit as v', onSameDistrict('v.id', 'c.visit_id'))
      .select(['c.author_id', 'v.recorded_by', 'v.region_path'])
      .execute();
    expect(comments).toHaveLength(practice?.comments ?? -1);
    const mentorComments = comments.filter((c) => c.author_id === idOf('cadre'));
    expect(mentorComments.length).toBeGreaterThan(0);
    expect(mentorComments.every((c) => c.recorded_by === idOf('worker2'))).toBe(true);
    expect(comments.every((c) => c.author_id === idOf('cadre') || c.author_id === idOf('supervisor'))).toBe(
      true,
    );

    // The spot check: the street supervisor's, of visits in the street and period, partly verified.
    const checks = await db.selectFrom('spot_check').selectAll().execute();
    expect(checks).toHaveLength(1);
    const check = checks[0] as (typeof checks)[number];
    expect(check.region_id).toBe(street.id);
    expect(check.created_by).toBe(idOf('supervisor'));
    const items = await db
      .selectFrom('spot_check_item as i')
      .innerJoin('visit as v', onSameDistrict('v.id', 'i.visit_id'))
      .select(['i.result', 'i.verified_by', 'v.region_path', 'v.started_at'])
      .where('i.spot_check_id', '=', check.id)
      .execute();
    expect(items.length).toBe(practice?.sampled);
    expect(items.length).toBeGreaterThan(0);
    const from = addDays(cstDay(UNTIL), -30);
    for (const i of items) {
      expect(reaches(street.path, i.region_path)).toBe(true);
      expect(cstDay(new Date(i.started_at)) >= from).toBe(true);
    }
    const verified = items.filter((i) => i.result !== null);
    expect(verified.length).toBe(practice?.verified);
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.length).toBeLessThan(items.length);
    expect(verified.every((i) => i.verified_by === idOf('supervisor'))).toBe(true);

    // Each planning act left its audit row, under the account that did it.
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('district_code', '=', district)
      .where('action', 'in', [
        'visit.rule_created',
        'visit.team_created',
        'visit.assigned',
        'mentor_pair.created',
        'spot_check.drawn',
        'spot_check.verified',
        'visit.commented',
      ])
      .execute();
    const count = (action: string, actor: string) =>
      audit.filter((a) => a.action === action && a.actor_name === actor).length;
    expect(count('visit.rule_created', 'leader')).toBe(4);
    expect(count('visit.team_created', 'leader')).toBe(teams.size);
    expect(count('visit.assigned', 'leader')).toBe(assignments.length);
    expect(count('mentor_pair.created', 'leader')).toBe(1);
    expect(count('spot_check.drawn', 'supervisor')).toBe(1);
    expect(count('spot_check.verified', 'supervisor')).toBe(verified.length);
    expect(audit.filter((a) => a.action === 'visit.commented')).toHaveLength(comments.length);

    // What was seeded keeps its figures: a rebuild from the data gives the same.
    await expectRebuildEqualsKept(db, 'case', district, rebuildCaseFigures);
    await expectRebuildEqualsKept(db, 'visit', district, rebuildVisitFigures);
    const calendar = calendarOf(await readAssessmentRules(db, district));
    await expectRebuildEqualsKept(db, 'coverage', district, (d, code) =>
      rebuildCoverageFigures(d, code, calendar),
    );
  });
});
