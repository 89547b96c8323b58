import { z } from 'zod';
import { CASE_ACTIONS, type CaseAction } from '../cases/workflow.ts';
import { instantSchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';
import { TRANSFER_KINDS, type TransferKind } from './transfer.ts';

/** Every audit action not named after a case action or a transfer kind (those follow below). */
export const AUDIT_PLAIN_ACTIONS = [
  'access.denied',
  'assessment_rules.updated',
  'auth.password',
  'auth.password_changed',
  'auth.recovery_code',
  'auth.sign_in',
  'auth.sign_out',
  'auth.totp',
  'auth.totp_enrolled',
  'calendar.imported',
  'campaign.created',
  'campaign.example_marked',
  'campaign.example_unmarked',
  'case.submitted',
  'case.attachment_added',
  'case.status_link_issued',
  'case.status_links_revoked',
  'case_view.deleted',
  'case_view.saved',
  'category.created',
  'category.updated',
  'department.created',
  'department.updated',
  'example.proposed',
  'example.written',
  'example.published',
  'example.withdrawn',
  'enterprise.created',
  'enterprise.liaison_assigned',
  'enterprise.removed',
  'enterprise.updated',
  'estate.created',
  'estate.removed',
  'estate.updated',
  'building.created',
  'building.removed',
  'building.updated',
  'public_code.hotline_set',
  'public_code.issued',
  'public_code.retired',
  'evaluation_round.closed',
  'evaluation_round.opened',
  'evaluation_round.rated',
  'export.campaign_report',
  'export.cases',
  'export.league_table',
  'export.opinions',
  'export.score_list',
  'export.visits',
  'export_request.approved',
  'export_request.created',
  'export_request.refused',
  'finding.created',
  'finding.rectified',
  'household.created',
  'household.removed',
  'household.updated',
  'hard_problem.cases_linked',
  'hard_problem.cases_unlinked',
  'hard_problem.created',
  'hard_problem.finished',
  'hard_problem.progress_reported',
  'hard_problem.topic_picked',
  'hard_problem.updated',
  'import.run',
  'import.uploaded',
  'intake.hotline_level_set',
  'key_household.recorded',
  'league.published',
  'map.boundaries_imported',
  'member.added',
  'member.removed',
  'member.updated',
  'mentor_pair.created',
  'mentor_pair.ended',
  'opinion.promoted',
  'open311_client.issued',
  'open311_client.revoked',
  'pii.unmask',
  'plan.created',
  'plan.follow_up_done',
  'plan.updated',
  'region.created',
  'region.deleted',
  'region.moved',
  'region.updated',
  'public_intake.entry_link_made',
  'public_intake.phone_code_sent',
  'public_intake.settings_changed',
  'retention.run',
  'score_period.closed',
  'score_period.reopened',
  'score_rules.created',
  'score_list.proposed',
  'score_list.published',
  'score_list.updated',
  'spot_check.drawn',
  'supervision_report.drafted',
  'supervision_report.edited',
  'supervision_report.published',
  'spot_check.verified',
  'survey.created',
  'survey.answered',
  'tags.replaced',
  'user.created',
  'user.deactivated',
  'user.grants_changed',
  'user.password_reset',
  'user.totp_reset',
  'visit.assigned',
  'visit.commented',
  'visit.photo_added',
  'visit.recorded',
  'visit.rule_created',
  'visit.rule_updated',
  'visit.settings_saved',
  'visit.team_created',
  'visit.team_updated',
  'visit.unassigned',
] as const;

/** The case sweeper's marks: changes of a case that keep its state (see the case sweeper). */
export const CASE_SWEEP_MARKS = ['overdue', 'supervise', 'progress_due'] as const;
export type CaseSweepMark = (typeof CASE_SWEEP_MARKS)[number];

/** What an audit row records: the one type every writer of the log uses. */
export type AuditAction =
  | (typeof AUDIT_PLAIN_ACTIONS)[number]
  | `case.${CaseAction | 'submit' | CaseSweepMark}`
  | `export.${TransferKind}`
  | `import.${TransferKind}`;

/** Every action the code can write, for the catalogue's check that each reads in words. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  ...AUDIT_PLAIN_ACTIONS,
  ...[...CASE_ACTIONS, 'submit' as const, ...CASE_SWEEP_MARKS].map((a) => `case.${a}` as const),
  ...TRANSFER_KINDS.map((k) => `export.${k}` as const),
  ...TRANSFER_KINDS.map((k) => `import.${k}` as const),
];

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;

export const auditQuerySchema = z
  .object({
    /**
     * An action with the ones below it (`auth` or `auth.` lists every sign-in event;
     * `auth.password` only that one), or any beginning followed by `*`.
     */
    action: textSchema(64, 0).optional(),
    /** The actor's username, exactly. */
    actor: textSchema(64, 0).optional(),
    objectType: textSchema(32, 0).optional(),
    objectId: textSchema(64, 0).optional(),
    result: z.enum(AUDIT_RESULTS).optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    /** Rows older than this cursor, a page's `next` (keyset paging, newest first). */
    before: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditRowSchema = z.object({
  id: z.string(),
  /** The row's chain within the district and its place there (docs/adr/0003-audit-chain-stripes.md). */
  stripe: z.number().int(),
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  /** The actor's name as colleagues know it (their account's display name), when the account exists. */
  actorDisplayName: z.string().nullable(),
  actorRoles: z.string().nullable(),
  scope: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /**
   * What the object is called, read now (a case's number, a region's or enterprise's name, a
   * household's code — never a resident's personal data); null when it has none or is gone.
   */
  objectName: z.string().nullable(),
  result: z.string(),
  sourceIp: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditRowSchema),
  /** Opaque cursor for the next (older) page; null on the last page. */
  next: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The action names the district's log holds, for the filter's choices. */
export const auditActionsSchema = z.object({ items: z.array(z.string()) });

/** The district's hash chain recomputed: intact, or where it first breaks. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  rowsChecked: z.number().int(),
  firstBreak: z
    .object({
      seq: z.number().int(),
      kind: z.enum([
        'missing_rows',
        'broken_link',
        'content_changed',
        'head_mismatch',
        'no_head',
        'downgraded',
        'checkpoint',
      ]),
      problem: z.string(),
    })
    .nullable(),
  breakCount: z.number().int(),
  checkedAt: z.string(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
