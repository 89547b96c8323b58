import type { Kysely } from 'kysely';
import type { SpotCheckResult } from '../../shared/domain/spot-check.ts';
import { createVisitRuleSchema, saveVisitTeamSchema } from '../../shared/domain/visit-plan.ts';
import { addDays, cstDay } from '../../shared/time/china-time.ts';
import { MAX_SEED } from '../../shared/visits/sampling.ts';
import type { DB } from '../db/schema.ts';
import { actorOf } from '../modules/audit/audit.ts';
import { createAuthRepository } from '../modules/auth/auth.repository.ts';
import type { Principal } from '../modules/auth/principal.ts';
import { principalGrants } from '../modules/auth/principal-grants.ts';
import { pairMentor } from '../modules/mentoring/pair-mentor.ts';
import { drawSpotCheck } from '../modules/spot-checks/draw-spot-check.ts';
import { createSpotCheckRepository } from '../modules/spot-checks/spot-checks.repository.ts';
import { verifySpotCheckItem } from '../modules/spot-checks/verify-spot-check-item.ts';
import { assignVisitSubject } from '../modules/visit-plans/assign-visit-subject.ts';
import { createVisitRule } from '../modules/visit-plans/create-visit-rule.ts';
import { saveVisitTeam } from '../modules/visit-plans/save-visit-team.ts';
import { commentOnVisit } from '../modules/visits/comment-on-visit.ts';
import { createDemoPracticeRepository } from './demo-practice.repository.ts';
import { createSeedKeyHouseholdRepository } from './key-households.repository.ts';
import { createRng } from './random.ts';
import { createSeedRepository } from './seed.repository.ts';
import { DEFAULT_SEED } from './seed.ts';
import { SeedError } from './seed-error.ts';

/**
 * How the demo street organises its visiting (走访), set up through the product's own use cases
 * by the accounts whose job it is, so every row has its audit entry and nothing is set that the
 * product could not have set: the street leader's visit rules, one team per grid of the demo
 * workers' communities (the second with its sent-down cadre, the first still waiting for one),
 * 包联 assignments (key households, the liaison's enterprises, the leader's community), the cadre
 * mentoring the second community's grid worker with comments on her latest visits, and the
 * street supervisor's spot check of the last 30 days, most of it verified. Runs after the
 * demo's accounts (seedDemoCadre included), cases and visits (demo.ts).
 */
export interface DemoPracticeSummary {
  rules: number;
  teams: number;
  assignments: number;
  pairs: number;
  spotChecks: number;
  sampled: number;
  verified: number;
  comments: number;
}

/** 包联 subjects per account. */
const ASSIGNED_PER_ACCOUNT = 5;
/** The spot check's sample: a share of the street's visits of the last 30 days. */
const SPOT_CHECK_PERCENT = 2;
const SPOT_CHECK_DAYS = 30;
/** The share of the sample verified so far (the rest still waits, as in a check under way). */
const VERIFIED_SHARE = 0.6;
const MENTOR_COMMENTS = 3;

const MENTOR_NOTES = [
  '记录很完整，下次可以把老人用药情况也问一下。',
  '走访时间选得好，家里人都在。注意核对一下家庭成员的联系电话。',
  '政策宣传到位。住户提到的楼道堆物问题，记得跟物业对接后回访。',
] as const;
const CONFIRMED_NOTES = ['电话回访，住户确认走访属实。', '实地复核，住户确认网格员近期上门。'] as const;
const UNREACHABLE_NOTE = '两次电话未接通，待下周再联系。';
const NOT_CONFIRMED_NOTE = '住户称近期无人上门，请网格员说明情况。';

/** Who an account is, as a request of theirs would resolve it (auth.service.ts), for the seed's own acts. */
async function principalOf(db: Kysely<DB>, districtCode: string, username: string): Promise<Principal> {
  const auth = createAuthRepository(db);
  const user = (await auth.findUsersByUsername(username)).find((u) => u.district_code === districtCode);
  if (!user) throw new SeedError(`The demo needs the account ${username}.`);
  const district = await auth.districtName(districtCode);
  const { grants, permissions } = principalGrants(
    await auth.grantsOf(districtCode, user.id),
    districtCode,
    district?.name,
  );
  return {
    userId: user.id,
    districtCode,
    username: user.username,
    displayName: user.display_name,
    demo: user.demo,
    sessionId: 'seed',
    mfaPassed: true,
    mustChangePassword: false,
    grants,
    permissions,
  };
}

export async function seedDemoPractice(
  db: Kysely<DB>,
  districtCode: string,
  options: { until: Date; seed?: number },
): Promise<DemoPracticeSummary> {
  const seedValue = options.seed ?? DEFAULT_SEED;
  const rng = createRng(seedValue, `demo-practice/${districtCode}`);
  const repo = createDemoPracticeRepository(db);
  const keyRepo = createSeedKeyHouseholdRepository(db);
  const regions = await createSeedRepository(db).streetAndCommunities(districtCode);
  const street = regions.find((r) => r.level === 'street');
  if (!street) throw new SeedError('The demo street has no street.');
  const accounts = new Map(
    (
      await keyRepo.demoWorkers(districtCode, [
        'cadre',
        'leader',
        'liaison',
        'supervisor',
        'worker1',
        'worker2',
      ])
    ).map((a) => [a.username, a]),
  );
  const account = (username: string) => {
    const a = accounts.get(username);
    if (!a) throw new SeedError(`The demo needs the account ${username}.`);
    return a;
  };
  const [worker1, worker2, cadre, liaison] = ['worker1', 'worker2', 'cadre', 'liaison'].map(account) as [
    ReturnType<typeof account>,
    ReturnType<typeof account>,
    ReturnType<typeof account>,
    ReturnType<typeof account>,
  ];
  const summary: DemoPracticeSummary = {
    rules: 0,
    teams: 0,
    assignments: 0,
    pairs: 0,
    spotChecks: 0,
    sampled: 0,
    verified: 0,
    comments: 0,
  };

  // The street leader plans: the street's rules, teams, 包联 and the mentoring pair.
  const leader = await principalOf(db, districtCode, 'leader');
  const plan = { db, principal: leader, actor: actorOf(leader, null) };
  const streetRules = [
    { kind: 'coverage', params: { target: 'household', period: 'quarter', percent: 100 } },
    { kind: 'quota', params: { role: 'grid_worker', target: 'household', count: 60, period: 'month' } },
    { kind: 'visit_days', params: { weekdays: [2, 4] } },
    { kind: 'night_target', params: { role: 'grid_worker', count: 4, period: 'month' } },
  ];
  for (const rule of streetRules) {
    await createVisitRule(plan, createVisitRuleSchema.parse({ regionId: street.id, ...rule }));
    summary.rules++;
  }

  const teams = [
    { community: worker1.path, members: [{ userId: worker1.id, role: 'worker' }] },
    {
      community: worker2.path,
      members: [
        { userId: cadre.id, role: 'cadre' },
        { userId: worker2.id, role: 'worker' },
      ],
    },
  ];
  for (const team of teams) {
    for (const grid of await repo.gridsBelow(districtCode, team.community)) {
      const input = saveVisitTeamSchema.parse({ name: `${grid.name}走访分队`, members: team.members });
      await saveVisitTeam(plan, grid.id, input);
      summary.teams++;
    }
  }

  const assign = async (
    userId: string,
    subjectType: 'household' | 'enterprise' | 'region',
    subjects: readonly { id: string }[],
  ) => {
    for (const s of subjects) {
      await assignVisitSubject(plan, { userId, subjectType, subjectId: s.id });
      summary.assignments++;
    }
  };
  await assign(
    worker1.id,
    'household',
    await keyRepo.keyHouseholdsBelow(districtCode, worker1.path, ASSIGNED_PER_ACCOUNT),
  );
  await assign(
    cadre.id,
    'household',
    await keyRepo.keyHouseholdsBelow(districtCode, worker2.path, ASSIGNED_PER_ACCOUNT),
  );
  await assign(
    liaison.id,
    'enterprise',
    await repo.enterprisesOfLiaison(districtCode, liaison.id, ASSIGNED_PER_ACCOUNT),
  );
  const firstCommunity = regions.find((r) => r.level === 'community');
  if (firstCommunity) await assign(leader.userId, 'region', [firstCommunity]);

  const until = cstDay(options.until);
  await pairMentor(db, leader, plan.actor, {
    mentorId: cadre.id,
    menteeId: worker2.id,
    startedOn: addDays(until, -90),
  });
  summary.pairs++;

  // The mentor reads the mentee's latest diary entries and comments on them (结对帮带).
  const mentor = await principalOf(db, districtCode, 'cadre');
  const mentorCtx = { db, principal: mentor, actor: actorOf(mentor, null), now: options.until };
  const latest = await repo.latestVisitsBy(districtCode, worker2.id, MENTOR_COMMENTS);
  for (const [i, visit] of latest.entries()) {
    await commentOnVisit(mentorCtx, visit.id, { body: MENTOR_NOTES[i % MENTOR_NOTES.length] as string });
    summary.comments++;
  }

  // The street supervisor draws a spot check of the last 30 days and verifies most of it.
  const supervisor = await principalOf(db, districtCode, 'supervisor');
  const checker = actorOf(supervisor, null);
  const spotCheckId = await drawSpotCheck(db, supervisor, checker, {
    regionId: street.id,
    from: addDays(until, -SPOT_CHECK_DAYS),
    to: addDays(until, -1),
    percent: SPOT_CHECK_PERCENT,
    seed: seedValue % MAX_SEED,
  });
  summary.spotChecks++;
  const items = await createSpotCheckRepository(db).items(districtCode, spotCheckId);
  summary.sampled = items.length;
  const checkerCtx = { db, principal: supervisor, actor: checker, now: options.until };
  for (const item of items.slice(0, Math.round(items.length * VERIFIED_SHARE))) {
    const draw = rng.next();
    const result: SpotCheckResult = draw < 0.85 ? 'confirmed' : draw < 0.95 ? 'unreachable' : 'not_confirmed';
    const note =
      result === 'confirmed'
        ? rng.pick(CONFIRMED_NOTES)
        : result === 'unreachable'
          ? UNREACHABLE_NOTE
          : NOT_CONFIRMED_NOTE;
    await verifySpotCheckItem(
      db,
      supervisor,
      checker,
      { spotCheckId, visitId: item.visit_id },
      { result, note },
    );
    summary.verified++;
    // A visit the resident does not confirm gets the checker's word on the diary entry itself.
    if (result === 'not_confirmed') {
      await commentOnVisit(checkerCtx, item.visit_id, { body: NOT_CONFIRMED_NOTE });
      summary.comments++;
    }
  }
  return summary;
}
