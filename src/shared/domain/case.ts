import { z } from 'zod';
import { URGENCIES } from '../cases/clock-rules.ts';
import { CASE_ACTIONS, CASE_STATES, CLOCKS, GUARD_FAILURES, RATINGS } from '../cases/workflow.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { mobilePhoneSchema } from '../validation/phone.ts';
import { textSchema } from '../validation/text.ts';
import { LIST_TOTAL_CAP, pageNumberSchema } from './paging.ts';
import {
  entryParamSchema,
  ONE_PLACE,
  onePlace,
  PUBLIC_PHOTOS_MAX,
  phoneCodeSchema,
  publicCodeTextSchema,
  publicPhotoSchema,
} from './public-entry.ts';

/**
 * Cases (民情事项) as the API speaks them: what a create takes, what a case page shows, what each
 * workflow action takes. The workflow itself (states, who may do what) is shared/cases/workflow.ts.
 */
export const CHANNELS = [
  'visit',
  'self_report',
  'hotline_12345',
  'wechat',
  'forum',
  'enterprise',
  'walk_in',
  'api',
] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const CASE_KINDS = ['consultation', 'suggestion', 'help', 'complaint', 'dispute', 'report'] as const;
export const caseKindSchema = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof caseKindSchema>;

export const urgencySchema = z.enum(URGENCIES);

/** 需求清单 / 问题清单 / 难题清单: the three lists a case is entered on. */
export const LIST_TYPES = ['need', 'problem', 'hard_problem'] as const;
export const listTypeSchema = z.enum(LIST_TYPES);

export const REPORTER_TYPES = ['resident', 'household', 'enterprise', 'anonymous'] as const;
export const reporterTypeSchema = z.enum(REPORTER_TYPES);

export const caseStateSchema = z.enum(CASE_STATES);
export const caseActionSchema = z.enum(CASE_ACTIONS);
export const clockSchema = z.enum(CLOCKS);
export const ratingSchema = z.enum(RATINGS);

/** 0 community, 1 street, 2 district. */
export const LEVEL_NAMES = ['community', 'street', 'district'] as const;

const reason = textSchema(1000, 2);

export const reporterSchema = z
  .object({
    type: reporterTypeSchema,
    name: textSchema(50).optional(),
    phone: mobilePhoneSchema.optional(),
    householdId: z.uuid().optional(),
    enterpriseId: z.uuid().optional(),
  })
  .strict()
  .refine((r) => r.type !== 'household' || r.householdId, {
    message: 'A household reporter names the household.',
    path: ['householdId'],
  })
  .refine((r) => r.type !== 'enterprise' || r.enterpriseId, {
    message: 'An enterprise reporter names the enterprise.',
    path: ['enterpriseId'],
  });

export const createCaseSchema = z
  .object({
    channel: channelSchema,
    categoryId: z.uuid().optional(),
    kind: caseKindSchema,
    urgency: urgencySchema.default('ordinary'),
    listType: listTypeSchema.default('problem'),
    title: textSchema(100),
    description: textSchema(4000),
    /** The grid (or another node) where it happened. */
    regionId: z.uuid(),
    address: textSchema(200).optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    reporter: reporterSchema,
    /** A complaint about a closed case opens a new case linked to it. */
    linkedCaseId: z.uuid().optional(),
  })
  .strict();
export type CreateCase = z.infer<typeof createCaseSchema>;

/** A resident's own report through the QR code form: no account, fewer fields, always submitted. */
export const publicReportSchema = z
  .object({
    /** The place: a community's or grid's id (`/report/<id>`) or a public code (`/q/<code>`). */
    regionId: z.uuid().optional(),
    code: publicCodeTextSchema.optional(),
    kind: caseKindSchema,
    title: textSchema(100),
    description: textSchema(4000),
    address: textSchema(200).optional(),
    name: textSchema(50).optional(),
    phone: mobilePhoneSchema,
    /** The SMS code, where the district asks residents to confirm their phone. */
    phoneCode: phoneCodeSchema.optional(),
    /** The signed entry parameter of the link the form was opened from (public-entry.ts). */
    entry: entryParamSchema.optional(),
    photos: z.array(publicPhotoSchema).max(PUBLIC_PHOTOS_MAX).optional(),
  })
  .strict()
  .refine(onePlace, ONE_PLACE);
export type PublicReport = z.infer<typeof publicReportSchema>;

export const unitSchema = z.union([
  z.object({ departmentId: z.uuid() }).strict(),
  z.object({ regionId: z.uuid() }).strict(),
]);
export type Unit = z.infer<typeof unitSchema>;

const empty = z.object({ note: textSchema(1000, 0).optional() }).strict();
const withReason = z.object({ reason }).strict();

/** What each workflow action takes in its body. */
export const ACTION_BODIES = {
  accept: empty,
  reject: z
    .object({ reason, rejectKind: z.enum(['invalid', 'out_of_scope', 'legal_procedure', 'malicious']) })
    .strict(),
  merge: z.object({ intoCaseId: z.uuid(), reason }).strict(),
  answer: z.object({ reply: textSchema(4000) }).strict(),
  resolve_on_spot: z.object({ reply: textSchema(4000) }).strict(),
  dispatch: z.object({ unit: unitSchema, note: textSchema(1000, 0).optional() }).strict(),
  escalate: withReason,
  sign: empty,
  return: z
    .object({ reason, returnKind: z.enum(['not_our_duty', 'not_our_area', 'ownership_unclear']) })
    .strict(),
  redispatch: z.object({ unit: unitSchema, note: textSchema(1000, 0).optional() }).strict(),
  refuse_return: withReason,
  first_contact: z.object({ note: textSchema(1000) }).strict(),
  request_extension: z.object({ workingDays: z.number().int().min(1).max(30), reason }).strict(),
  approve_extension: empty,
  refuse_extension: withReason,
  whistle: z
    .object({
      leadDepartmentId: z.uuid(),
      assistDepartmentIds: z.array(z.uuid()).max(10).default([]),
      /** Each summoned department reports in within this many minutes (30 in the Beijing original). */
      reportWithinMinutes: z
        .number()
        .int()
        .min(10)
        .max(60 * 24 * 7)
        .default(30),
      note: textSchema(1000, 0).optional(),
    })
    .strict(),
  complete_task: z.object({ taskId: z.uuid(), note: textSchema(1000) }).strict(),
  reply: z.object({ reply: textSchema(4000) }).strict(),
  approve_reply: empty,
  send_back: withReason,
  rate: z
    .object({
      rating: ratingSchema,
      /** The resident's answer to "was the problem solved?" (解决率); not asked when unreachable. */
      solved: z.boolean().optional(),
      note: textSchema(1000, 0).optional(),
    })
    .strict()
    .refine((b) => !(b.rating === 'unreachable' && b.solved !== undefined), {
      path: ['solved'],
      message: 'An unreachable call asks nothing: leave out solved.',
    }),
  close_unreachable: withReason,
  rehandle: z.object({ unit: unitSchema.optional(), note: textSchema(1000, 0).optional() }).strict(),
  close_override: withReason,
  cancel: withReason,
  progress_notice: z.object({ message: textSchema(1000) }).strict(),
  classify: z
    .object({
      categoryId: z.uuid().optional(),
      kind: caseKindSchema.optional(),
      urgency: urgencySchema.optional(),
      listType: listTypeSchema.optional(),
    })
    .strict()
    .refine((b) => b.categoryId || b.kind || b.urgency || b.listType, {
      message: 'Name at least one of category, kind, urgency or list.',
    }),
} as const satisfies Record<(typeof CASE_ACTIONS)[number], z.ZodType>;
export type ActionBodies = { [A in keyof typeof ACTION_BODIES]: z.infer<(typeof ACTION_BODIES)[A]> };

export const unitRefSchema = z.object({
  kind: z.enum(['department', 'region']),
  id: z.uuid(),
  name: z.string(),
});

export const clockViewSchema = z.object({
  clock: clockSchema,
  startedAt: z.string(),
  dueAt: z.string(),
  stoppedAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  supervisedAt: z.string().nullable(),
});

export const caseEventSchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  action: z.string(),
  fromState: caseStateSchema.nullable(),
  toState: caseStateSchema,
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseTaskSchema = z.object({
  id: z.uuid(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  role: z.enum(['lead', 'assist']),
  reportDueAt: z.string(),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
});

export const caseExtensionSchema = z.object({
  id: z.uuid(),
  workingDays: z.number().int(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});

export const caseAttachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});

/** A row of the dispatcher's queue, a unit's inbox and the supervision list. */
export const caseListItemSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  state: caseStateSchema,
  channel: channelSchema,
  kind: caseKindSchema,
  urgency: urgencySchema,
  level: z.number().int(),
  categoryName: z.string().nullable(),
  /** The category's English name, where the district gave one (the English UI shows it). */
  categoryNameEn: z.string().nullable(),
  regionName: z.string(),
  unit: unitRefSchema.nullable(),
  overdue: z.boolean(),
  supervised: z.boolean(),
  reopenCount: z.number().int(),
  latestRating: ratingSchema.nullable(),
  nextDueAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

/** Totals are counted up to this many; past it the queue says "10000+" (a count stays bounded). */
export const CASE_TOTAL_CAP = LIST_TOTAL_CAP;

export const caseListSchema = z.object({
  items: z.array(caseListItemSchema),
  next: z.string().nullable(),
  total: z.number().int(),
  /** The total reached the cap: there are at least this many. */
  totalCapped: z.boolean(),
});
export type CaseList = z.infer<typeof caseListSchema>;

/** An action the caller takes on cases like this one, and why it is not offered on this one now. */
export const unavailableActionSchema = z.object({
  action: caseActionSchema,
  reason: z.enum(['wrong_state', 'held_above', ...GUARD_FAILURES]),
  /** For `held_above`: the level whose dispatchers hold the case (0 community, 1 street, 2 district). */
  level: z.number().int().optional(),
  /** For `wrong_state`: the states the action is taken in. */
  states: z.array(caseStateSchema).optional(),
  /** What the reason counts (summoned departments not yet reported in, unanswered follow-up attempts). */
  count: z.number().int().optional(),
  /** How many the rule needs. */
  needed: z.number().int().optional(),
});
export type UnavailableActionView = z.infer<typeof unavailableActionSchema>;

export const caseDetailSchema = caseListItemSchema.extend({
  description: z.string(),
  listType: listTypeSchema,
  categoryId: z.uuid().nullable(),
  regionId: z.uuid(),
  regionPath: z.array(z.object({ id: z.uuid(), name: z.string() })),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  reporter: z.object({
    type: reporterTypeSchema,
    name: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    householdId: z.uuid().nullable(),
    enterpriseId: z.uuid().nullable(),
  }),
  firstResponder: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  onSpot: z.boolean(),
  extensionPending: z.boolean(),
  openTasks: z.number().int(),
  escalations: z.number().int(),
  /** The level the case was taken in at (0 community, 1 street, 2 district). */
  intakeLevel: z.number().int(),
  /** The levels it passed, from intake up: when it reached each and who passed it up. */
  levelsPassed: z.array(z.object({ level: z.number().int(), at: z.string(), by: z.string().nullable() })),
  mergedInto: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  linkedCase: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  /** Cases merged into this one and later cases linked to it. */
  relatedCases: z.array(
    z.object({ id: z.uuid(), number: z.string(), relation: z.enum(['merged', 'linked']) }),
  ),
  clocks: z.array(clockViewSchema),
  events: z.array(caseEventSchema),
  tasks: z.array(caseTaskSchema),
  extensions: z.array(caseExtensionSchema),
  attachments: z.array(caseAttachmentSchema),
  /** The workflow actions the caller may take now. */
  actions: z.array(caseActionSchema),
  /** The caller's other workflow actions, each with why it is not offered now (workflow.ts `unavailableActions`). */
  unavailableActions: z.array(unavailableActionSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** After an action that takes the case out of the caller's reach (e.g. a unit escalating it). */
export const caseOutOfReachSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  state: caseStateSchema,
  outOfReach: z.literal(true),
});

/** What a workflow action answers: the case page as it now is, or that the caller no longer sees it. */
export const actionResultSchema = z.union([caseDetailSchema, caseOutOfReachSchema]);
export type ActionResultBody = z.infer<typeof actionResultSchema>;

/** Queue filters: allow-listed fields only (docs/specs/trust.md §19). */
export const caseQueueQuerySchema = z
  .object({
    state: z
      .union([caseStateSchema, z.array(caseStateSchema)])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
    /** Shortcuts: my unit's inbox, cases I own the feedback of, the supervision list. */
    view: z.enum(['queue', 'inbox', 'mine', 'supervision']).default('queue'),
    categoryId: z.uuid().optional(),
    regionId: z.uuid().optional(),
    urgency: urgencySchema.optional(),
    channel: channelSchema.optional(),
    kind: caseKindSchema.optional(),
    /** Each list (需求 / 问题 / 难题) is also a view of its own. */
    listType: listTypeSchema.optional(),
    /** The level reached: a case's level never goes down, so it is where it stands now. */
    level: z.enum(LEVEL_NAMES).optional(),
    onSpot: z.enum(['true', 'false']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    /** Not overdue, next deadline within the due-soon window (shared/cases/clock-rules.ts). */
    dueSoon: z.enum(['true']).optional(),
    q: textSchema(50).optional(),
    createdFrom: calendarDaySchema.optional(),
    createdTo: calendarDaySchema.optional(),
    /** A household's or enterprise's cases (its page): every state unless `state` names some. */
    householdId: z.uuid().optional(),
    enterpriseId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    after: z.string().max(200).optional(),
    /** A numbered page instead of a cursor (shared/domain/paging.ts). */
    page: pageNumberSchema.optional(),
  })
  .strict();
export type CaseQueueQuery = z.infer<typeof caseQueueQuerySchema>;

export const savedViewInputSchema = z
  .object({
    name: textSchema(50),
    filters: caseQueueQuerySchema.omit({ after: true, limit: true, page: true }).partial(),
  })
  .strict();
export const savedViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
});
export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) });

/** Bulk accept or dispatch from the workbench: each case with the version the dispatcher saw. */
export const bulkActionSchema = z
  .object({
    action: z.enum(['accept', 'dispatch']),
    cases: z
      .array(z.object({ id: z.uuid(), version: z.number().int().min(1) }).strict())
      .min(1)
      .max(100),
    unit: unitSchema.optional(),
  })
  .strict()
  .refine((b) => b.action !== 'dispatch' || b.unit, { message: 'Dispatch names a unit.', path: ['unit'] });
export const bulkResultSchema = z.object({
  results: z.array(
    z.object({
      id: z.uuid(),
      ok: z.boolean(),
      code: z.string().nullable(),
      version: z.number().int().nullable(),
    }),
  ),
});

/** A suggested handling unit for a case, with why. */
export const unitSuggestionSchema = z.object({
  unit: unitRefSchema,
  because: z.enum(['category_department', 'parent_category_department', 'case_area']),
});
export const duplicateSuggestionSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  state: caseStateSchema,
  similarity: z.number(),
  sameGrid: z.boolean(),
  createdAt: z.string(),
});
export const caseSuggestionsSchema = z.object({
  units: z.array(unitSuggestionSchema),
  duplicates: z.array(duplicateSuggestionSchema),
});

export const createdCaseSchema = z.object({ id: z.uuid(), number: z.string(), version: z.number().int() });

/**
 * What a case was raised on and who to call back (GET /api/v1/cases/:id/context): the visit with
 * its photos, the household or enterprise, and the reporter's phone masked. Each link says whether
 * the caller may open it; the full phone is only ever one audited reveal away.
 */
export const caseContextSchema = z.object({
  visit: z
    .object({
      id: z.uuid(),
      startedAt: z.string(),
      recordedBy: z.string().nullable(),
      /** The caller may open the visit (and so its photos). */
      readable: z.boolean(),
      /**
       * The caller sees the visit's photos: its readers, and whoever works the case (handling unit,
       * summoned departments), through `GET /cases/:id/visit-photos/:photoId` (case-context.ts).
       */
      photosVisible: z.boolean(),
      photos: z.array(z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string() })),
    })
    .nullable(),
  household: z
    .object({ id: z.uuid(), code: z.string(), address: z.string(), readable: z.boolean() })
    .nullable(),
  enterprise: z.object({ id: z.uuid(), name: z.string(), readable: z.boolean() }).nullable(),
  reporter: z.object({
    /** Whose phone it is: given with the case, the household's head (or first member with one), the enterprise's contact. */
    source: z.enum(['case', 'household', 'enterprise']).nullable(),
    name: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    /** The caller may reveal the phone (audited): the first responder, the handling unit, or pii:unmask over the place. */
    mayReveal: z.boolean(),
  }),
  /** Categories of similar categorised cases nearby, best first (advice only). */
  suggestedCategories: z.array(z.object({ id: z.uuid(), name: z.string(), cases: z.number().int() })),
});
export type CaseContext = z.infer<typeof caseContextSchema>;

export const revealReporterPhoneSchema = z.object({ reason: textSchema(200, 2) }).strict();
export const revealedPhoneSchema = z.object({ phone: z.string() });
