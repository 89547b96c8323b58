import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { readAssessmentRules } from '../../server/modules/assessment/assessment-rules.ts';
import { rebuildCaseFigures } from '../../server/modules/cases/case-figures.ts';
import { rebuildCoverageFigures } from '../../server/modules/coverage/coverage-figures.ts';
import { readProvinceFigures } from '../../server/modules/dashboard/read-province-figures.ts';
import { rebuildVisitFigures } from '../../server/modules/visits/visit-figures.ts';
import { calendarOf } from '../../shared/domain/assessment-rules.ts';
import type { ProvincePartFigures } from '../../shared/domain/figures.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { calendarDaySchema } from '../../shared/validation/dates.ts';
import { withDistrict } from '../district-database.ts';

/**
 * `minqing figures rebuild`: recomputes a district's case, visit and coverage figures from its
 * cases (with their clocks) and visits, after a restore, an import of history, or a change to a figure's
 * definition. The figures kept through every change must equal it (test/figures/).
 */
export async function figuresRebuildCommand(options: { district?: string }): Promise<void> {
  await withDistrict(options.district, async (database, districtCode) => {
    const started = performance.now();
    const { cases } = await rebuildCaseFigures(database.db, districtCode);
    const { visits } = await rebuildVisitFigures(database.db, districtCode);
    const rules = await readAssessmentRules(database.db, districtCode);
    await rebuildCoverageFigures(database.db, districtCode, calendarOf(rules));
    console.log(
      `Figures of district ${districtCode} rebuilt from ${cases.toLocaleString('en')} cases and ${visits.toLocaleString('en')} visits in ${Math.round(performance.now() - started)} ms.`,
    );
  });
}

/**
 * `minqing figures province`: each district's and the province's headline figures for a period,
 * from the totals kept at every district's root (on Citus, one statement across the workers);
 * coverage is the households'.
 */
export async function figuresProvinceCommand(options: {
  period: 'month' | 'quarter' | 'year';
  at?: string;
  json?: boolean;
}): Promise<void> {
  if (options.at !== undefined && !calendarDaySchema.safeParse(options.at).success) {
    throw new AppError('BAD_REQUEST', '--at must be a day written YYYY-MM-DD.');
  }
  const database = await openDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    const figures = await readProvinceFigures(
      database.db,
      { period: options.period, ...(options.at ? { at: options.at } : {}) },
      new Date(),
    );
    if (options.json) {
      console.log(JSON.stringify(figures, null, 2));
      return;
    }
    const percent = (r: { value: number | null }) =>
      r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%`;
    const line = (code: string, name: string, f: ProvincePartFigures) =>
      [
        code.padEnd(7),
        name.padEnd(12),
        String(f.cases.received).padStart(8),
        String(f.cases.closed).padStart(8),
        percent(f.cases.closureRate).padStart(8),
        percent(f.cases.satisfactionRate).padStart(8),
        String(f.visits.visits).padStart(8),
        `${f.coverage?.householdCoveragePercent ?? '—'}%`.padStart(9),
      ].join(' ');
    console.log(`${figures.period.kind} ${figures.period.from} – ${figures.period.to}`);
    console.log(
      [
        'district',
        'name'.padEnd(12),
        'received',
        '  closed',
        'closure',
        'satisf.',
        '  visits',
        ' coverage',
      ].join(' '),
    );
    for (const d of figures.districts) console.log(line(d.code, d.name, d));
    console.log(line('total', `${figures.districts.length} districts`, figures.province));
  } finally {
    await database.close();
  }
}
