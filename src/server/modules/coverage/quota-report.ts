import { streetPathOf } from '../../../shared/auth/reach.ts';
import { ROLE_PERMISSIONS, type Role } from '../../../shared/auth/roles.ts';
import { type Period, periodContaining, periodOfDay } from '../../../shared/visits/periods.ts';
import { quotaProgress } from '../../../shared/visits/quota.ts';
import { effectiveRules, type NightTargetParams, type QuotaParams } from '../../../shared/visits/rules.ts';
import type { VisitPlanRepository } from '../visit-plans/visit-plans.repository.ts';
import type { CoverageRepository } from './coverage.repository.ts';
import { periodView } from './period-query.ts';

const VISITING_ROLES = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) =>
  ROLE_PERMISSIONS[r].includes('visits:write'),
);

interface RuleRow {
  id: string;
  kind: 'quota' | 'night_target';
  params: QuotaParams | NightTargetParams;
}

/**
 * Each visiting worker below a region against the quota and night-visit rules that apply to them:
 * their street's rules of a kind, or else the district's. Each rule is measured over its own
 * period (the one containing `at`), counting every visit the worker went on once.
 */
export async function quotaReport(
  coverage: CoverageRepository,
  plans: VisitPlanRepository,
  input: {
    districtCode: string;
    path: string;
    periodKind?: string | undefined;
    at: string | undefined;
    now: Date;
  },
) {
  const workers = await coverage.workersBelow(input.districtCode, input.path, VISITING_ROLES);
  const rulesByStreet = new Map<string | null, RuleRow[]>();
  for (const street of new Set(workers.map((w) => streetPathOf(w.path)))) {
    const rows = await plans.activeRulesFor(input.districtCode, street);
    const effective = effectiveRules(
      rows.map((r) => ({ ...r, regionPath: r.region_path })),
      street,
    ).filter((r) => r.kind === 'quota' || r.kind === 'night_target') as unknown as RuleRow[];
    rulesByStreet.set(
      street,
      effective.filter((r) => !input.periodKind || r.params.period === input.periodKind),
    );
  }
  const periodOf = (kind: Period['kind']) =>
    input.at ? periodOfDay(kind, input.at) : periodContaining(kind, input.now);
  const counts = new Map<string, Map<string, number>>();
  const ids = [...new Set(workers.map((w) => w.id))];
  for (const rules of rulesByStreet.values())
    for (const rule of rules) {
      if (counts.has(rule.id)) continue;
      const p = periodOf(rule.params.period);
      counts.set(
        rule.id,
        await coverage.visitsPerUser(
          input.districtCode,
          ids,
          p,
          rule.kind === 'quota' ? { target: (rule.params as QuotaParams).target } : { night: true },
        ),
      );
    }
  return workers.map((w) => ({
    userId: w.id,
    displayName: w.display_name,
    role: w.role,
    regionName: w.region_name,
    lines: (rulesByStreet.get(streetPathOf(w.path)) ?? [])
      .filter((r) => (r.params.role ?? w.role) === w.role)
      .map((r) => {
        const done = counts.get(r.id)?.get(w.id) ?? 0;
        const progress = quotaProgress(done, r.params.count);
        return {
          ruleId: r.id,
          kind: r.kind,
          target: r.kind === 'quota' ? (r.params as QuotaParams).target : null,
          period: periodView(periodOf(r.params.period)),
          done,
          count: r.params.count,
          percent: progress.percent,
          met: progress.met,
        };
      }),
  }));
}
