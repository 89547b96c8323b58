import type { VisitRule } from '../../../shared/domain/visit-plan.ts';

// biome-ignore lint/suspicious/noExplicitAny: i18next's t and a test stand-in both fit.
type Translate = (key: string, values?: any) => string;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const nums = (v: unknown) => (Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number') : []);

/** A rule's parameters as one readable line, e.g. "网格员每月走访住户 50 户次". */
export function ruleText(rule: Pick<VisitRule, 'kind' | 'params'>, t: Translate): string {
  const p = rule.params;
  const period = t(`visits.plans.periodKinds.${str(p.period) || 'month'}`);
  const role = p.role ? t(`visits.plans.roles.${str(p.role)}`) : '';
  const target = p.target ? t(`visits.targets.${str(p.target)}`) : '';
  // The target label is written for a heading ("Household"); inside the quota sentence it is a common noun.
  const targetWord = target.toLowerCase();
  switch (rule.kind) {
    case 'quota':
      return t('visits.plans.quotaText', { role, period, target: targetWord, count: p.count });
    case 'coverage':
      return t('visits.plans.coverageText', { period, target, percent: p.percent ?? 100 });
    case 'visit_days': {
      const days = [
        ...nums(p.weekdays).map((day) => t(`visits.plans.weekdayNames.${day}`)),
        ...nums(p.monthDays).map((day) => t('visits.plans.monthDay', { day })),
      ];
      return t('visits.plans.visitDaysText', { days: days.join(t('visits.plans.listSeparator')) });
    }
    case 'night_target':
      return `${role ? `${role} ` : ''}${t('visits.plans.nightText', { period, count: p.count })}`;
  }
}
