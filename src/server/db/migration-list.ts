import type { Migration } from 'kysely/migration';
import * as accountProvenance from './migrations/20261205T1040_account_provenance.ts';
import * as auditMac from './migrations/20261205T1100_audit_mac.ts';
import * as opinions from './migrations/20261205T1300_opinions.ts';
import * as caseLevels from './migrations/20261205T1400_case_levels.ts';
import * as caseFigures from './migrations/20261205T1500_case_figures.ts';
import * as visitFigures from './migrations/20261205T1600_visit_figures.ts';
import * as leagueTables from './migrations/20261205T1700_league_tables.ts';
import * as campaigns from './migrations/20261205T1710_campaigns.ts';
import * as gridMap from './migrations/20261205T1720_grid_map.ts';
import * as figureTotals from './migrations/20261205T2010_figure_totals.ts';
import * as assessmentRules from './migrations/20261205T2020_assessment_rules.ts';
import * as visitAid from './migrations/20261205T2030_visit_aid.ts';
import * as followUpSolved from './migrations/20261205T2040_follow_up_solved.ts';
import * as coverageFigures from './migrations/20261205T2050_coverage_figures.ts';
import * as phoneLastFour from './migrations/20261205T2310_phone_last_four.ts';
import * as caseRecordTargets from './migrations/20261205T2320_case_record_targets.ts';
import * as importProgress from './migrations/20261205T2330_import_progress.ts';
import * as operationProgress from './migrations/20261206T0210_operation_progress.ts';
import * as scoreRules from './migrations/20261206T0400_score_rules.ts';
import * as caseEventTime from './migrations/20261206T0410_case_event_time.ts';
import * as scorePeriods from './migrations/20261206T0420_score_periods.ts';
import * as praiseCriticismLists from './migrations/20261206T0500_praise_criticism_lists.ts';
import * as supervisionReports from './migrations/20261206T0510_supervision_reports.ts';
import * as evaluationRounds from './migrations/20261206T0520_evaluation_rounds.ts';
import * as hardProblems from './migrations/20261206T0530_hard_problems.ts';
import * as examples from './migrations/20261206T0540_examples.ts';
import * as surveys from './migrations/20261206T0550_surveys.ts';
import * as estatesAndPublicCodes from './migrations/20261206T0900_estates_and_public_codes.ts';
import * as statusLinks from './migrations/20261206T0910_status_links.ts';
import * as open311Clients from './migrations/20261206T0920_open311_clients.ts';
import * as hotlineOrders from './migrations/20261206T0930_hotline_orders.ts';
import * as publicEntry from './migrations/20261206T0940_public_entry.ts';
import * as auditStripes from './migrations/20261206T1200_audit_stripes.ts';
import * as authEpoch from './migrations/20261206T1210_auth_epoch.ts';
import * as caseTitleGrams from './migrations/20261206T1220_case_title_grams.ts';
import * as counterSum from './migrations/20261206T2150_counter_sum.ts';
import * as citusDistribution from './migrations/20261206T2200_citus_distribution.ts';
import * as clockStopReason from './migrations/20261207T1900_clock_stop_reason.ts';
import * as caseTaskOpenDepartment from './migrations/20261207T1910_case_task_open_department.ts';
import { migrations as firstLanded } from './migrations/index.ts';

/**
 * Every migration both engines run, in name order. `migrations/index.ts` lists the first ones as
 * they landed and, being a landed file of the migrations folder, never changes again (nor does
 * `migrations/checksums.json`); a new migration is a new file named `<UTC timestamp>_<what>.ts`
 * listed here, with its checksum recorded in `db/migration-checksums.json` by
 * `npm run migration:checksums`.
 */
export const migrations: Record<string, Migration> = {
  ...firstLanded,
  '20261205T1040_account_provenance': accountProvenance,
  '20261205T1100_audit_mac': auditMac,
  '20261205T1300_opinions': opinions,
  '20261205T1400_case_levels': caseLevels,
  '20261205T1500_case_figures': caseFigures,
  '20261205T1600_visit_figures': visitFigures,
  '20261205T1700_league_tables': leagueTables,
  '20261205T1710_campaigns': campaigns,
  '20261205T1720_grid_map': gridMap,
  '20261205T2010_figure_totals': figureTotals,
  '20261205T2020_assessment_rules': assessmentRules,
  '20261205T2030_visit_aid': visitAid,
  '20261205T2040_follow_up_solved': followUpSolved,
  '20261205T2050_coverage_figures': coverageFigures,
  '20261205T2310_phone_last_four': phoneLastFour,
  '20261205T2320_case_record_targets': caseRecordTargets,
  '20261205T2330_import_progress': importProgress,
  '20261206T0210_operation_progress': operationProgress,
  '20261206T0400_score_rules': scoreRules,
  '20261206T0410_case_event_time': caseEventTime,
  '20261206T0420_score_periods': scorePeriods,
  '20261206T0500_praise_criticism_lists': praiseCriticismLists,
  '20261206T0510_supervision_reports': supervisionReports,
  '20261206T0520_evaluation_rounds': evaluationRounds,
  '20261206T0530_hard_problems': hardProblems,
  '20261206T0540_examples': examples,
  '20261206T0550_surveys': surveys,
  '20261206T0900_estates_and_public_codes': estatesAndPublicCodes,
  '20261206T0910_status_links': statusLinks,
  '20261206T0920_open311_clients': open311Clients,
  '20261206T0930_hotline_orders': hotlineOrders,
  '20261206T0940_public_entry': publicEntry,
  '20261206T1200_audit_stripes': auditStripes,
  '20261206T1210_auth_epoch': authEpoch,
  '20261206T1220_case_title_grams': caseTitleGrams,
  '20261206T2150_counter_sum': counterSum,
  '20261206T2200_citus_distribution': citusDistribution,
  '20261207T1900_clock_stop_reason': clockStopReason,
  '20261207T1910_case_task_open_department': caseTaskOpenDepartment,
};
