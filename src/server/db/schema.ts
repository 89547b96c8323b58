import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CaseState } from '../../shared/cases/workflow.ts';

/** Database types, written by hand beside the migrations: change both in the same commit. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface RegionTable {
  district_code: string;
  id: string;
  parent_id: string | null;
  level: 'district' | 'street' | 'community' | 'grid' | 'micro_grid';
  code: string;
  name: string;
  kind: string | null;
  path: string;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdTable {
  district_code: string;
  id: string;
  grid_id: string;
  region_path: string;
  code: string;
  address: string;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Levels of the tags that take one, e.g. { disabled: "2" }. */
  tag_levels: ColumnType<Record<string, string>, string | undefined, string>;
  /** Kept equal to "some tag marks a key household" by every write. */
  is_key: Generated<boolean>;
  /** Moved out / deleted: hidden from lists, anonymised by the retention job later. */
  removed_at: Date | null;
  last_visit_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** WGS84, optional (the grid map; a first check-in is measured against them). */
  latitude: ColumnType<number | null, number | null | undefined, number | null>;
  longitude: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonTable {
  district_code: string;
  id: string;
  household_id: string;
  name: string;
  gender: 'M' | 'F';
  birth_date: DateOnly;
  relationship: string;
  id_number_enc: Uint8Array | null;
  id_number_hash: Uint8Array | null;
  phone_enc: Uint8Array | null;
  phone_hash: Uint8Array | null;
  /** The phone's last four digits (what its mask shows), for the field app's search. */
  phone_last4: ColumnType<string | null, string | null | undefined, string | null>;
  removed_at: Date | null;
  anonymised_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnterpriseTable {
  district_code: string;
  id: string;
  grid_id: string;
  region_path: string;
  name: string;
  credit_code: string;
  address: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  contact_name: string | null;
  contact_phone_enc: Uint8Array | null;
  contact_phone_hash: Uint8Array | null;
  /** The contact phone's last four digits (what its mask shows), for the field app's search. */
  contact_phone_last4: ColumnType<string | null, string | null | undefined, string | null>;
  liaison_user_id: string | null;
  removed_at: Date | null;
  last_visit_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  latitude: ColumnType<number | null, number | null | undefined, number | null>;
  longitude: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffTable {
  district_code: string;
  id: string;
  region_id: string;
  /** Staff number (工号): how an import recognises a person again. */
  code: string | null;
  name: string;
  post: string;
  phone_enc: Uint8Array | null;
  phone_hash: Uint8Array | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SystemSettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface AppUserTable {
  district_code: string;
  id: string;
  username: string;
  display_name: string;
  staff_id: string | null;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  totp_secret_enc: Uint8Array | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  recovery_code_hashes: ColumnType<string[], string | undefined, string>;
  active: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The administrator who created the account (null: command line, seed, or before 2026-12). */
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** The administrator who last reset its password or authenticator, and when. */
  credentials_reset_by: ColumnType<string | null, string | null | undefined, string | null>;
  credentials_reset_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface RoleGrantTable {
  district_code: string;
  id: string;
  user_id: string;
  role: string;
  scope_region_id: string | null;
  scope_department_id: string | null;
  created_at: Timestamp;
}

export interface UserSessionTable {
  district_code: string;
  id: string;
  user_id: string;
  token_hash: Uint8Array;
  mfa_passed: Generated<boolean>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
  source_ip: string | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: Generated<number>;
  window_start: Date;
  blocked_until: Date | null;
}

/** The district's version of everything sessions resolve to (migration 20261206T1210_auth_epoch). */
export interface AuthEpochTable {
  district_code: string;
  version: number;
}

export interface AuditLogTable {
  district_code: string;
  /** Which of the district's independent chains the row extends (0 for every row before stripes). */
  stripe: ColumnType<number, number | undefined, never>;
  /** The row's place in its stripe's chain, from 1. */
  seq: number;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_roles: string | null;
  scope: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  source_ip: string | null;
  detail: ColumnType<unknown, string | undefined, string>;
  prev_hash: Uint8Array;
  hash: Uint8Array;
  /** 1: plain SHA-256 (rows written before keyed hashes); 2: HMAC-SHA256 under the audit key. */
  hash_version: ColumnType<number, number | undefined, never>;
}

export interface AuditChainHeadTable {
  district_code: string;
  stripe: ColumnType<number, number | undefined, never>;
  seq: number;
  hash: Uint8Array;
}

export interface DepartmentTable {
  district_code: string;
  id: string;
  code: string;
  name: string;
  level: 'district' | 'street';
  region_id: string;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseCategoryTable {
  district_code: string;
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string | null;
  /** Codes from the root down joined by '.'. */
  path: string;
  department_id: string | null;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  /** Clock limits over the district's (see shared/cases/clock-rules.ts); null keeps them. */
  clock_limits: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TagDefinitionTable {
  district_code: string;
  subject: 'household' | 'enterprise';
  code: string;
  name: string;
  name_en: string;
  has_level: Generated<boolean>;
  marks_key: Generated<boolean>;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  updated_at: Timestamp;
}

/** "五个要": what the worker knows of a key household, newest record first. */
export interface KeyHouseholdRecordTable {
  district_code: string;
  id: string;
  household_id: string;
  basic_situation: string;
  living_conditions: string;
  state_of_mind: string;
  contact: string;
  help_in_place: string;
  visit_id: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** 一户一策: the measures for one key household, their owner and follow-up dates. */
export interface HouseholdPlanTable {
  district_code: string;
  id: string;
  household_id: string;
  measures: string;
  owner_user_id: string;
  status: ColumnType<'active' | 'closed', 'active' | 'closed' | undefined, 'active' | 'closed'>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdPlanFollowUpTable {
  district_code: string;
  id: string;
  plan_id: string;
  due_date: DateOnly;
  done_at: Date | null;
  done_by: string | null;
  note: string | null;
}

export type ExportSubject = 'households' | 'enterprises' | 'staff';
export type ExportRequestStatus = 'pending' | 'approved' | 'refused' | 'used';

/** The approval record a bulk export of personal data needs (docs/specs/trust.md §15). */
export interface ExportRequestTable {
  district_code: string;
  id: string;
  subject: ExportSubject;
  region_id: string;
  reason: string;
  status: ColumnType<ExportRequestStatus, ExportRequestStatus | undefined, ExportRequestStatus>;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  expires_at: Date | null;
  used_at: Date | null;
}

export interface ImportRunTable {
  district_code: string;
  id: string;
  kind: string;
  file_name: string;
  summary: ColumnType<unknown, string, string>;
  report: Uint8Array | null;
  created_by: string;
  created_at: Timestamp;
}

/**
 * How far a web import or export has got: see migrations 20261205T2330_import_progress and
 * 20261206T0210_operation_progress.
 */
export interface OperationProgressTable {
  district_code: string;
  id: string;
  operation: ColumnType<string, string | undefined, string>;
  kind: string | null;
  created_by: string;
  state: string;
  done: ColumnType<number, number | undefined, number>;
  total: number | null;
  error_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A case (事项): see migration 20261122T0900_cases and docs/specs/workflow.md. */
export interface CaseRecordTable {
  district_code: string;
  id: string;
  number: string;
  channel: string;
  category_id: string | null;
  kind: string;
  urgency: string;
  list_type: string;
  title: string;
  description: string;
  region_id: string;
  region_path: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  reporter_type: string;
  reporter_name: string | null;
  reporter_phone_enc: Uint8Array | null;
  reporter_phone_hash: Uint8Array | null;
  household_id: string | null;
  enterprise_id: string | null;
  state: CaseState;
  level: number;
  intake_level: number;
  unit_level: number | null;
  unit_department_id: string | null;
  unit_region_id: string | null;
  unit_region_path: string | null;
  first_responder_id: string | null;
  submitted_by: string | null;
  on_spot: Generated<boolean>;
  reopen_count: Generated<number>;
  latest_rating: string | null;
  latest_solved: Generated<boolean | null>;
  unreachable_attempts: Generated<number>;
  extension_pending: Generated<boolean>;
  open_tasks: Generated<number>;
  escalations: Generated<number>;
  whistles: Generated<number>;
  overdue: Generated<boolean>;
  supervised: Generated<boolean>;
  next_due_at: Date | null;
  merged_into_id: string | null;
  linked_case_id: string | null;
  source_visit_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  accepted_at: Date | null;
  replied_at: Date | null;
  closed_at: Date | null;
  last_progress_at: Date | null;
}

/** A case's contribution to the figures of its creation day (shared/figures/case-figures.ts). */
export interface CaseFigureTable {
  district_code: string;
  case_id: string;
  day: DateOnly;
  region_id: string;
  category_key: string;
  unit_key: string;
  counters: ColumnType<Record<string, number>, string, string>;
}

/** A change of figures, appended; folded into the rollup in the background (cases and visits alike). */
export interface CaseFigureDeltaTable {
  district_code: string;
  id: string;
  day: DateOnly;
  region_id: string;
  category_key: string;
  unit_key: string;
  counters: ColumnType<Record<string, number>, string, string>;
}

/** Folded counters per day, place, category and unit (cases and visits alike). */
export interface CaseFigureRollupTable {
  district_code: string;
  day: DateOnly;
  region_id: string;
  category_key: string;
  unit_key: string;
  counters: ColumnType<Record<string, number>, string, string>;
}

/** Figures summed per place at every level and day (case_figure_total, visit_figure_total). */
export interface FigureTotalTable {
  district_code: string;
  region_id: string;
  day: DateOnly;
  counters: ColumnType<Record<string, number>, string, string>;
}

export interface CaseCounterTable {
  district_code: string;
  year: number;
  next_seq: ColumnType<string, number | string, number | string>;
}

export interface CaseEventTable {
  district_code: string;
  id: string;
  case_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string | null;
  reason: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

export interface CaseClockTable {
  district_code: string;
  case_id: string;
  clock: string;
  started_at: Timestamp;
  due_at: Timestamp;
  stopped_at: Date | null;
  /** The action that stopped the run (null while it runs, and for runs stopped before it was kept). */
  stopped_by: string | null;
  overdue_at: Date | null;
  reminded_at: Date | null;
  supervised_at: Date | null;
}

export interface CaseTaskTable {
  district_code: string;
  id: string;
  case_id: string;
  department_id: string;
  role: 'lead' | 'assist';
  report_due_at: Timestamp;
  reported_at: Date | null;
  done_at: Date | null;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface CaseExtensionTable {
  district_code: string;
  id: string;
  case_id: string;
  working_days: number;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

export interface CaseRatingTable {
  district_code: string;
  id: string;
  case_id: string;
  rating: string;
  /** The resident's answer to "was it solved?" (null: not asked). */
  solved: Generated<boolean | null>;
  note: string | null;
  /** Null: the resident rated on their status page (migration 20261206T0910). */
  rated_by: string | null;
  rated_at: Timestamp;
}

export interface CaseAttachmentTable {
  district_code: string;
  id: string;
  case_id: string;
  event_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface CaseViewTable {
  district_code: string;
  id: string;
  user_id: string;
  name: string;
  filters: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
}

export interface IdempotencyKeyTable {
  district_code: string;
  owner: string;
  key: string;
  request_hash: string;
  status: 'running' | 'done';
  response_status: number | null;
  response_body: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface OutboxMessageTable {
  district_code: string;
  id: string;
  channel: 'in_app' | 'sms' | 'webhook' | 'hotline';
  topic: string;
  case_id: string | null;
  recipient: string | null;
  payload: ColumnType<Record<string, unknown>, string, string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  delivered_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
  created_at: Timestamp;
}

export interface NotificationTable {
  district_code: string;
  id: string;
  user_id: string;
  topic: string;
  case_id: string | null;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface CalendarDayTable {
  day: DateOnly;
  working: boolean;
  name: string | null;
}

export type VisitRuleKind = 'quota' | 'coverage' | 'visit_days' | 'night_target';

/** Visits: see migration 20261122T1000_visits and docs/specs/domain.md "Visits". */
export interface VisitRuleTable {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  kind: VisitRuleKind;
  params: ColumnType<Record<string, unknown>, string, string>;
  active: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VisitAssignmentTable {
  district_code: string;
  id: string;
  user_id: string;
  subject_type: 'household' | 'enterprise' | 'region';
  subject_id: string;
  region_path: string;
  created_by: string;
  created_at: Timestamp;
}

export interface VisitTeamTable {
  district_code: string;
  id: string;
  grid_id: string;
  grid_path: string;
  name: string;
  created_at: Timestamp;
}

export interface VisitTeamMemberTable {
  district_code: string;
  team_id: string;
  user_id: string;
  role: 'leader' | 'cadre' | 'worker' | 'police' | 'volunteer';
}

export interface VisitTable {
  district_code: string;
  id: string;
  form: string;
  target_type: 'household' | 'enterprise' | 'forum' | 'collection_point';
  household_id: string | null;
  enterprise_id: string | null;
  region_id: string;
  region_path: string;
  place_name: string | null;
  attendance: number | null;
  started_at: Timestamp;
  ended_at: Timestamp;
  is_night: boolean;
  latitude: number | null;
  longitude: number | null;
  distance_m: number | null;
  far: Generated<boolean>;
  notes: string;
  services: ColumnType<string[], string | undefined, string>;
  /** Aid in yuan per service that carried one (service code → amount); `{}` when none. */
  aid_amounts: ColumnType<Record<string, number>, string | undefined, string>;
  key_record_id: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface VisitVisitorTable {
  district_code: string;
  visit_id: string;
  user_id: string;
  started_at: Timestamp;
}

export interface VisitPhotoTable {
  district_code: string;
  id: string;
  visit_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface MentorPairTable {
  district_code: string;
  id: string;
  mentor_id: string;
  mentee_id: string;
  started_on: DateOnly;
  ended_on: DateOnly | null;
  created_by: string;
}

/** An opinion or suggestion (意见建议) heard on a visit; promoted to a case at most once. */
export interface OpinionTable {
  district_code: string;
  id: string;
  visit_id: string;
  region_id: string;
  region_path: string;
  text: string;
  category_id: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
  promoted_case_id: string | null;
}

/** A campaign (issue 12 §6): a named period of Beijing days and a place, reported from the kept figures. */
export interface CampaignTable {
  district_code: string;
  id: string;
  name: string;
  region_id: string;
  from_day: DateOnly;
  to_day: DateOnly;
  created_by: string;
  created_at: Generated<Date>;
}

/** A case a leader marked as one of a campaign's examples (典型案例). */
export interface CampaignExampleTable {
  district_code: string;
  campaign_id: string;
  case_id: string;
  note: string | null;
  marked_by: string;
  marked_at: Timestamp;
}

/** A published 数据晾晒 league table, frozen: `table_data` is the table as it stood (shared/domain/league.ts). */
export interface LeagueTableTable {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  region_name: string;
  subjects: string;
  period_kind: string;
  period_from: string;
  period_to: string;
  table_data: ColumnType<unknown, string, string>;
  published_by: string;
  published_by_name: string;
  published_at: Timestamp;
}

/** A district's assessment rules (shared/domain/assessment-rules.ts); no row: the defaults. */
export interface AssessmentRuleTable {
  district_code: string;
  month_start_day: number;
  /** numeric: read back as a string by the drivers. */
  basically_satisfied_weight: ColumnType<string | number, number, number>;
  ratings: string;
  updated_at: Timestamp | null;
  updated_by: string | null;
}

/** One version of a district's or street's scoring rules (migration 20261206T0400_score_rules). */
export interface ScoreRuleVersionTable {
  district_code: string;
  id: string;
  region_id: string;
  version: number;
  /** date: read back as a string (YYYY-MM-DD) or a Date by the drivers. */
  effective_from: ColumnType<string | Date, string, string>;
  /** jsonb: the ScoreRules as written. */
  rules: ColumnType<unknown, string, string>;
  note: string | null;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
}

/** A mutual evaluation round (两评, migration 20261206T0520_evaluation_rounds). */
export interface EvaluationRoundTable {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  region_name: string;
  kind: string;
  title: string;
  period_from: ColumnType<string | Date, string, string>;
  period_to: ColumnType<string | Date, string, string>;
  /** jsonb: the form's criteria. */
  criteria: ColumnType<unknown, string, string>;
  state: 'open' | 'closed';
  opened_by: string;
  opened_by_name: string;
  opened_at: Timestamp;
  closed_by_name: string | null;
  closed_at: ColumnType<Date | null, Date | null, Date | null>;
}

/** One rater unit's rating of one subject in a round. */
export interface EvaluationRatingTable {
  district_code: string;
  round_id: string;
  rater_unit: string;
  rater_unit_name: string;
  subject_key: string;
  subject_name: string;
  /** jsonb: criterion key → 1–5. */
  scores: ColumnType<unknown, string, string>;
  comment: string | null;
  rated_by: string;
  rated_by_name: string;
  rated_at: Timestamp;
}

/** A subject's frozen result of a closed round. */
export interface EvaluationResultTable {
  district_code: string;
  round_id: string;
  subject_key: string;
  subject_kind: string;
  subject_name: string;
  ratings: number;
  overall_mean: number;
  /** jsonb: criterion key → mean. */
  means: ColumnType<unknown, string, string>;
}

/** A hard-problem list item (攻坚破难清单, migration 20261206T0530_hard_problems). */
export interface HardProblemItemTable {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  kind: 'item' | 'monthly_topic';
  topic_month: string | null;
  title: string;
  category_id: string | null;
  proposal_key: string | null;
  owner_kind: 'department' | 'region';
  owner_id: string;
  owner_name: string;
  responsible_person: string;
  plan: string;
  target_date: ColumnType<string | Date, string, string>;
  state: 'open' | 'in_progress' | 'done' | 'closed';
  result: string | null;
  finished_at: ColumnType<Date | null, Date | null, Date | null>;
  version: number;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A milestone of a hard-problem item. */
export interface HardProblemMilestoneTable {
  district_code: string;
  item_id: string;
  id: string;
  position: number;
  name: string;
  target_date: ColumnType<string | Date, string, string>;
  done_on: ColumnType<string | Date | null, string | null, string | null>;
}

/** A case linked to a hard-problem item, with the list type it had before. */
export interface HardProblemCaseTable {
  district_code: string;
  case_id: string;
  item_id: string;
  previous_list_type: string;
  linked_by_name: string;
  linked_at: Timestamp;
}

/** A progress note of a hard-problem item. */
export interface HardProblemNoteTable {
  district_code: string;
  item_id: string;
  id: string;
  day: ColumnType<string | Date, string, string>;
  text: string;
  from_state: string;
  to_state: string;
  created_by_name: string;
  created_at: Timestamp;
}

/** A closed score period of a district or street (migration 20261206T0420_score_periods). */
export interface ScorePeriodTable {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  region_name: string;
  region_level: string;
  period_kind: string;
  period_from: ColumnType<string | Date, string, string>;
  period_to: ColumnType<string | Date, string, string>;
  revision: number;
  /** jsonb: the rule version used (null: the defaults). */
  rule_version: ColumnType<unknown, string | null, string | null>;
  /** jsonb: the ScoreRules used. */
  rules: ColumnType<unknown, string, string>;
  state: 'closed' | 'reopened';
  digest: string;
  closed_by: string;
  closed_by_name: string;
  closed_at: Timestamp;
  reopened_by_name: string | null;
  reopened_at: ColumnType<Date | null, Date | null, Date | null>;
  reopen_reason: string | null;
}

/** One subject's frozen score in a closed period. */
export interface ScoreRowTable {
  district_code: string;
  period_id: string;
  subject_key: string;
  subject_kind: string;
  subject_name: string;
  subject_path: string | null;
  peer_group: string;
  peer_group_name: string | null;
  /** The row's place in the table as it was built (group by group, best first). */
  position: number;
  score_cp: number;
  points: number;
  rank: number;
  group_size: number;
  list: string | null;
}

/** One frozen point of a closed period. */
export interface ScorePointTable {
  district_code: string;
  period_id: string;
  subject_key: string;
  point_key: string;
  item: string;
  cp: number;
  earned_on: ColumnType<string | Date, string, string>;
  /** The instant as the point had it (ISO string), so keyset pages and the digest read it back exactly. */
  earned_at: string;
  source: ColumnType<unknown, string, string>;
  detail: ColumnType<unknown, string, string>;
}

/** A finding to rectify (整改), from a criticism list or a supervision report (migration 20261206T0500). */
export interface FindingTable {
  district_code: string;
  id: string;
  source_kind: 'criticism_list' | 'supervision_report';
  source_id: string;
  subject_key: string;
  subject_name: string;
  /** The path of the place the subject belongs to: who reads and answers the finding follows it. */
  region_path: string;
  text: string;
  due_on: ColumnType<string | Date, string, string>;
  rectification_note: string | null;
  rectified_on: ColumnType<string | Date | null, string | null, string | null>;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: ColumnType<Date | null, Date | null, Date | null>;
  created_by: string;
  created_at: Timestamp;
}

/** A periodic supervision report (两督) of a street or district (migration 20261206T0510). */
export interface SupervisionReportTable {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  region_name: string;
  region_level: string;
  period_kind: string;
  period_from: ColumnType<string | Date, string, string>;
  period_to: ColumnType<string | Date, string, string>;
  /** The closed score period the draft was read from; null: drafted from the live scores. */
  score_period_id: string | null;
  title: string;
  body: string;
  /** jsonb: the report's findings (SupervisionFinding[]). */
  findings: ColumnType<unknown, string, string>;
  /** jsonb: the place's units a finding may name, as drafted (SupervisionSubject[]). */
  subjects: ColumnType<unknown, string, string>;
  state: 'draft' | 'published';
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: ColumnType<Date, Date, Date>;
  published_by_name: string | null;
  published_at: ColumnType<Date | null, Date | null, Date | null>;
}

/** A praise or criticism list proposed from a closed score period (migration 20261206T0500). */
export interface ScoreListTable {
  district_code: string;
  id: string;
  kind: 'praise' | 'criticism';
  period_id: string;
  period_revision: number;
  region_id: string;
  region_path: string;
  region_name: string;
  period_kind: string;
  period_from: ColumnType<string | Date, string, string>;
  period_to: ColumnType<string | Date, string, string>;
  title: string;
  state: 'draft' | 'published';
  due_on: ColumnType<string | Date | null, string | null, string | null>;
  proposed_by: string;
  proposed_by_name: string;
  proposed_at: Timestamp;
  updated_at: Timestamp;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: ColumnType<Date | null, Date | null, Date | null>;
}

/** One subject on a praise or criticism list, with its wording. */
export interface ScoreListEntryTable {
  district_code: string;
  list_id: string;
  subject_key: string;
  subject_kind: string;
  subject_name: string;
  subject_path: string;
  position: number;
  score_cp: number;
  rank: number;
  text: string;
  finding_id: string | null;
}

export interface VisitCommentTable {
  district_code: string;
  id: string;
  visit_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export interface SpotCheckTable {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  period_from: DateOnly;
  period_to: DateOnly;
  percent: number;
  seed: number;
  created_by: string;
  created_at: Timestamp;
}

export interface SpotCheckItemTable {
  district_code: string;
  spot_check_id: string;
  visit_id: string;
  result: 'confirmed' | 'not_confirmed' | 'unreachable' | null;
  note: string | null;
  verified_by: string | null;
  verified_at: Date | null;
}

/** A grid's boundary (the grid map): GeoJSON Polygon or MultiPolygon, WGS84 lng/lat. */
export interface RegionBoundaryTable {
  district_code: string;
  region_id: string;
  geometry: ColumnType<unknown, string, string>;
  center_lng: number;
  center_lat: number;
  source: 'seed' | 'import';
  updated_at: Timestamp;
}

/** An example write-up (优秀案例) of a closed case or a visit (migration 20261206T0540). */
export interface ExampleTable {
  district_code: string;
  id: string;
  subject_kind: 'case' | 'visit';
  subject_id: string;
  subject_day: ColumnType<string | Date, string, string>;
  region_id: string;
  region_path: string;
  title: string;
  story: string;
  /** The chosen photos: `{ source: 'attachment' | 'visit_photo', id }[]` of the subject's own files. */
  photos: ColumnType<unknown, string, string>;
  state: 'proposed' | 'published' | 'withdrawn';
  /** The community (or street) named on the public page, set when published. */
  place_name: string | null;
  /** The handling unit named on the public page (never a person), set when published. */
  unit_name: string | null;
  proposed_by: string;
  proposed_at: Timestamp;
  updated_at: Timestamp;
  published_by: string | null;
  published_at: Date | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
}

/** A resident satisfaction survey (民意测评) of a community or street (migration 20261206T0550). */
export interface SurveyTable {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  title: string;
  questions: ColumnType<unknown, string, string>;
  from_day: ColumnType<string | Date, string, string>;
  to_day: ColumnType<string | Date, string, string>;
  created_by: string;
  created_at: Timestamp;
}

/** An SMS code sent to confirm a public reporter's phone (hashes only; the phone encrypted for the text). */
export interface PublicPhoneCodeTable {
  district_code: string;
  id: string;
  phone_hash: Uint8Array;
  phone_enc: Uint8Array;
  code_hash: Uint8Array;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
  used_at: Timestamp | null;
}

/** A household's one answer to a survey. */
export interface SurveyAnswerTable {
  district_code: string;
  survey_id: string;
  household_id: string;
  region_path: string;
  channel: 'phone' | 'visit' | 'public';
  answers: ColumnType<unknown, string, string>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

/** An estate (小区) under a grid (migration 20261206T0900); removed ones stay for their old codes. */
export interface EstateTable {
  district_code: string;
  id: string;
  grid_id: string;
  name: string;
  address: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  removed_at: Date | null;
}

/** A building (楼栋) of an estate. */
export interface BuildingTable {
  district_code: string;
  id: string;
  estate_id: string;
  name: string;
  created_at: Timestamp;
}

/** The public code of a grid or an estate, printed as a QR code; retired, never deleted. */
export interface PublicCodeTable {
  district_code: string;
  code: string;
  region_id: string;
  estate_id: string | null;
  created_at: Timestamp;
  created_by: string;
  retired_at: Date | null;
  retired_by: string | null;
  replaced_by: string | null;
}

/** A resident's status link (migration 20261206T0910); only the token's SHA-256 is kept. */
export interface StatusLinkTable {
  district_code: string;
  id: string;
  case_id: string;
  token_hash: Uint8Array;
  created_at: Timestamp;
  revoked_at: Date | null;
  revoked_by: string | null;
}

/** A 12345 work order taken in (issue 15 §4): one case per order number and district. */
export interface HotlineOrderTable {
  district_code: string;
  order_number: string;
  case_id: string;
  source: 'import' | 'webhook';
  received_at: Timestamp;
  deadline_at: Date | null;
  raw: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
}

/** A hotline webhook signature accepted once, kept until the timestamp window refuses it anyway. */
export interface HotlineSignatureSeenTable {
  district_code: string;
  signature: string;
  seen_at: Timestamp;
  expires_at: Timestamp;
}

/** An Open311 API client (migration 20261206T0920); only its key's SHA-256 is kept. */
export interface Open311ClientTable {
  district_code: string;
  id: string;
  name: string;
  key_hash: Uint8Array;
  created_at: Timestamp;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

export interface DB {
  system_setting: SystemSettingTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  auth_throttle: AuthThrottleTable;
  auth_epoch: AuthEpochTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  region: RegionTable;
  region_boundary: RegionBoundaryTable;
  household: HouseholdTable;
  person: PersonTable;
  enterprise: EnterpriseTable;
  staff: StaffTable;
  department: DepartmentTable;
  case_category: CaseCategoryTable;
  tag_definition: TagDefinitionTable;
  key_household_record: KeyHouseholdRecordTable;
  household_plan: HouseholdPlanTable;
  household_plan_follow_up: HouseholdPlanFollowUpTable;
  export_request: ExportRequestTable;
  import_run: ImportRunTable;
  operation_progress: OperationProgressTable;
  case_counter: CaseCounterTable;
  case_record: CaseRecordTable;
  case_figure: CaseFigureTable;
  case_figure_delta: CaseFigureDeltaTable;
  case_figure_rollup: CaseFigureRollupTable;
  visit_figure_delta: CaseFigureDeltaTable;
  visit_figure_rollup: CaseFigureRollupTable;
  case_figure_total: FigureTotalTable;
  visit_figure_total: FigureTotalTable;
  coverage_figure_delta: CaseFigureDeltaTable;
  coverage_figure_rollup: CaseFigureRollupTable;
  coverage_figure_total: FigureTotalTable;
  case_event: CaseEventTable;
  case_clock: CaseClockTable;
  case_task: CaseTaskTable;
  case_extension: CaseExtensionTable;
  case_rating: CaseRatingTable;
  case_attachment: CaseAttachmentTable;
  case_view: CaseViewTable;
  idempotency_key: IdempotencyKeyTable;
  outbox_message: OutboxMessageTable;
  notification: NotificationTable;
  calendar_day: CalendarDayTable;
  visit_rule: VisitRuleTable;
  visit_assignment: VisitAssignmentTable;
  visit_team: VisitTeamTable;
  visit_team_member: VisitTeamMemberTable;
  visit: VisitTable;
  visit_visitor: VisitVisitorTable;
  visit_photo: VisitPhotoTable;
  mentor_pair: MentorPairTable;
  visit_comment: VisitCommentTable;
  opinion: OpinionTable;
  league_table: LeagueTableTable;
  assessment_rule: AssessmentRuleTable;
  score_rule_version: ScoreRuleVersionTable;
  score_period: ScorePeriodTable;
  hard_problem_item: HardProblemItemTable;
  hard_problem_milestone: HardProblemMilestoneTable;
  hard_problem_case: HardProblemCaseTable;
  hard_problem_note: HardProblemNoteTable;
  evaluation_round: EvaluationRoundTable;
  evaluation_rating: EvaluationRatingTable;
  evaluation_result: EvaluationResultTable;
  score_row: ScoreRowTable;
  score_point: ScorePointTable;
  example: ExampleTable;
  survey: SurveyTable;
  survey_answer: SurveyAnswerTable;
  estate: EstateTable;
  building: BuildingTable;
  public_code: PublicCodeTable;
  status_link: StatusLinkTable;
  finding: FindingTable;
  score_list: ScoreListTable;
  score_list_entry: ScoreListEntryTable;
  campaign: CampaignTable;
  campaign_example: CampaignExampleTable;
  spot_check: SpotCheckTable;
  spot_check_item: SpotCheckItemTable;
  supervision_report: SupervisionReportTable;
  open311_client: Open311ClientTable;
  hotline_order: HotlineOrderTable;
  hotline_signature_seen: HotlineSignatureSeenTable;
  public_phone_code: PublicPhoneCodeTable;
}

export type Region = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type NewHousehold = Insertable<HouseholdTable>;
export type NewPerson = Insertable<PersonTable>;
export type NewEnterprise = Insertable<EnterpriseTable>;
export type NewStaff = Insertable<StaffTable>;
