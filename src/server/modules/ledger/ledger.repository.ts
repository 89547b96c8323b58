import type { ExpressionBuilder, Kysely } from 'kysely';
import { type LedgerStage, OFF_LEDGER_STATES, stageStates } from '../../../shared/cases/ledger.ts';
import type { DB } from '../../db/schema.ts';
import { type CaseScope, caseInScope, inScope, onSameDistrict } from '../auth/scope.ts';

export interface LedgerFilter {
  enterpriseId?: string;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  until?: Date;
}

export interface LedgerRow {
  id: string;
  number: string;
  title: string;
  state: string;
  supervised: boolean;
  overdue: boolean;
  enterprise_id: string | null;
  enterprise_name: string | null;
  created_at: Date;
  next_due_at: Date | null;
}

const SATISFACTION_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

type CaseEb = ExpressionBuilder<DB & { c: DB['case_record'] }, 'c'>;

/** SQL for the enterprise ledger: enterprise cases in the caller's case scope. */
export function createLedgerRepository(db: Kysely<DB>) {
  // An enterprise's case: it names the enterprise, or came in through the enterprise channel.
  const ledgerCases = (eb: CaseEb, scope: CaseScope, f: LedgerFilter) =>
    eb.and([
      eb('c.district_code', '=', scope.districtCode),
      eb.or([eb('c.enterprise_id', 'is not', null), eb('c.channel', '=', 'enterprise')]),
      caseInScope(eb, 'c', scope),
      ...(f.enterpriseId ? [eb('c.enterprise_id', '=', f.enterpriseId)] : []),
      ...(f.from ? [eb('c.created_at', '>=', f.from)] : []),
      ...(f.until ? [eb('c.created_at', '<', f.until)] : []),
    ]);

  const inStage = (eb: CaseEb, stage: LedgerStage) => {
    const { always, unflagged, flagged } = stageStates(stage);
    const marked = eb.or([eb('c.supervised', '=', true), eb('c.overdue', '=', true)]);
    return eb.or([
      ...(always.length ? [eb('c.state', 'in', always)] : []),
      ...(unflagged.length ? [eb.and([eb('c.state', 'in', unflagged), eb.not(marked)])] : []),
      ...(flagged.length ? [eb.and([eb('c.state', 'in', flagged), marked])] : []),
    ]);
  };

  return {
    /**
     * The enterprise exists and the caller may see it in the ledger: it lies in the caller's case
     * region scope, or one of its cases is in the caller's case scope (a department's handlers).
     */
    async enterpriseVisible(scope: CaseScope, enterpriseId: string): Promise<boolean> {
      const row = await db
        .selectFrom('enterprise as e')
        .select('e.id')
        .where('e.district_code', '=', scope.districtCode)
        .where('e.id', '=', enterpriseId)
        .where((eb) =>
          eb.or([
            inScope(eb, 'e.region_path', 'e.district_code', scope),
            eb.exists(
              eb
                .selectFrom('case_record as c')
                .select('c.id')
                .whereRef('c.district_code', '=', 'e.district_code')
                .whereRef('c.enterprise_id', '=', 'e.id')
                .where((ceb) => caseInScope(ceb, 'c', scope)),
            ),
          ]),
        )
        .executeTakeFirst();
      return row !== undefined;
    },

    /** A page of the ledger, newest first, after the (created_at, id) of the previous page's last row. */
    async list(
      scope: CaseScope,
      f: LedgerFilter & { stage?: LedgerStage; limit: number; after?: [string, string] },
    ): Promise<{ rows: LedgerRow[]; hasMore: boolean; total: number }> {
      const base = db
        .selectFrom('case_record as c')
        .where((eb) => ledgerCases(eb, scope, f))
        .where('c.state', 'not in', OFF_LEDGER_STATES)
        .$if(f.stage !== undefined, (q) => q.where((eb) => inStage(eb, f.stage as LedgerStage)));
      const after = f.after;
      const rows = await base
        .leftJoin('enterprise as e', onSameDistrict('e.id', 'c.enterprise_id'))
        .select([
          'c.id',
          'c.number',
          'c.title',
          'c.state',
          'c.supervised',
          'c.overdue',
          'c.enterprise_id',
          'e.name as enterprise_name',
          'c.created_at',
          'c.next_due_at',
        ])
        .$if(after !== undefined, (q) =>
          q.where((eb) => {
            const [key, id] = after as [string, string];
            const at = new Date(key);
            return eb.or([
              eb('c.created_at', '<', at),
              eb.and([eb('c.created_at', '=', at), eb('c.id', '<', id)]),
            ]);
          }),
        )
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(f.limit + 1)
        .execute();
      const { count } = await base
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      return { rows: rows.slice(0, f.limit), hasMore: rows.length > f.limit, total: Number(count) };
    },

    /** How many ledger cases there are per state and supervision mark (figures are counted from these). */
    async stateCounts(scope: CaseScope, f: LedgerFilter) {
      const rows = await db
        .selectFrom('case_record as c')
        .where((eb) => ledgerCases(eb, scope, f))
        .select((eb) => ['c.state', 'c.supervised', 'c.overdue', eb.fn.countAll<string>().as('count')])
        .groupBy(['c.state', 'c.supervised', 'c.overdue'])
        .execute();
      return rows.map((r) => ({ ...r, count: Number(r.count) }));
    },

    /** Each ledger case's latest satisfaction rating (unreachable calls are not ratings), counted. */
    async latestRatingCounts(scope: CaseScope, f: LedgerFilter): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('case_rating as r')
        .innerJoin('case_record as c', onSameDistrict('c.id', 'r.case_id'))
        .where((eb) => ledgerCases(eb as unknown as CaseEb, scope, f))
        .where('r.rating', 'in', SATISFACTION_RATINGS)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('case_rating as later')
                .select('later.id')
                .whereRef('later.district_code', '=', 'r.district_code')
                .whereRef('later.case_id', '=', 'r.case_id')
                .where('later.rating', 'in', SATISFACTION_RATINGS)
                .where((eb) =>
                  eb.or([
                    eb('later.rated_at', '>', eb.ref('r.rated_at')),
                    eb.and([
                      eb('later.rated_at', '=', eb.ref('r.rated_at')),
                      eb('later.id', '>', eb.ref('r.id')),
                    ]),
                  ]),
                ),
            ),
          ),
        )
        .select((eb) => ['r.rating', eb.fn.countAll<string>().as('count')])
        .groupBy('r.rating')
        .execute();
      return new Map(rows.map((r) => [r.rating, Number(r.count)]));
    },
  };
}
