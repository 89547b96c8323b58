import { z } from 'zod';
import { latitudeSchema, longitudeSchema } from '../map/position.ts';
import { calendarDaySchema, eventInstantSchema, instantSchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';
import { caseKindSchema, caseStateSchema, listTypeSchema, urgencySchema } from './case.ts';
import { keyRecordInputSchema } from './key-household.ts';
import { OPINIONS_PER_VISIT_MAX, opinionInputSchema } from './opinion.ts';
import { pageNumberSchema } from './paging.ts';

/**
 * Visits (民情日记) as the API speaks them: what a visit records, the issues it raises (each a case
 * through the case loop, in the same transaction), and the field app's batched sync.
 */
export const VISIT_FORMS = [
  'routine', // 日常走访
  'scheduled', // 定期下访
  'night_duty', // 值班夜访
  'targeted', // 定向专访
  'reception', // 主动接访
  'forum', // 座谈会
  'collection_point', // 驻点收集
] as const;
export const visitFormSchema = z.enum(VISIT_FORMS);
export type VisitForm = z.infer<typeof visitFormSchema>;

export const VISIT_TARGETS = ['household', 'enterprise', 'forum', 'collection_point'] as const;
export const visitTargetTypeSchema = z.enum(VISIT_TARGETS);

/** Services delivered on a visit (codes; the UI names them). */
export const VISIT_SERVICES = [
  'policy_explained', // 政策宣讲
  'help_delivered', // 帮扶送达
  'dispute_mediated', // 矛盾调解
  'safety_check', // 安全检查
  'information_updated', // 信息更新
  'referral', // 转介服务
] as const;
export const visitServiceSchema = z.enum(VISIT_SERVICES);
export type VisitService = z.infer<typeof visitServiceSchema>;

/** The most aid in yuan one service of one visit may record (a typing slip, not a real amount, beyond). */
export const AID_AMOUNT_MAX = 1_000_000;

/** Aid in yuan (慰问金, goods at their value): non-negative, whole fen (at most two decimals). */
export const aidAmountSchema = z
  .number()
  .min(0)
  .max(AID_AMOUNT_MAX)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, {
    message: 'An amount in yuan has at most two decimals.',
  });

/**
 * The aid each service carried, by service code. Optional everywhere: visits recorded (or queued
 * offline by an older field app) without amounts simply deliver none.
 */
export const aidAmountsSchema = z.partialRecord(visitServiceSchema, aidAmountSchema);
export type AidAmounts = z.infer<typeof aidAmountsSchema>;

/** The aid of a visit in yuan: its services' amounts summed in whole fen, so no float dust. */
export function aidTotal(amounts: Partial<Record<string, number>>): number {
  let fen = 0;
  for (const v of Object.values(amounts)) fen += Math.round(Number(v ?? 0) * 100);
  return fen / 100;
}

export const visitTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('household'), householdId: z.uuid() }).strict(),
  z.object({ type: z.literal('enterprise'), enterpriseId: z.uuid() }).strict(),
  z
    .object({
      type: z.enum(['forum', 'collection_point']),
      regionId: z.uuid(),
      placeName: textSchema(100),
      attendance: z.number().int().min(1).max(100_000),
    })
    .strict(),
]);
export type VisitTarget = z.infer<typeof visitTargetSchema>;

/** An issue heard on a visit: resolved on the spot (即知即办) or submitted into the case loop. */
export const visitIssueSchema = z
  .object({
    title: textSchema(100),
    description: textSchema(4000),
    kind: caseKindSchema,
    urgency: urgencySchema.default('ordinary'),
    listType: listTypeSchema.default('problem'),
    categoryId: z.uuid().optional(),
    /** Solved there and then: the case is recorded closed as on-the-spot, with what was done. */
    resolvedOnSpot: z.boolean().default(false),
    resolution: textSchema(4000).optional(),
  })
  .strict()
  .refine((i) => !i.resolvedOnSpot || i.resolution, {
    message: 'Say what was done on the spot.',
    path: ['resolution'],
  });
export type VisitIssue = z.infer<typeof visitIssueSchema>;

export const checkInSchema = z
  .object({
    latitude: latitudeSchema,
    longitude: longitudeSchema,
    /** The device's stated accuracy in metres. */
    accuracy: z.number().min(0).max(100_000).optional(),
  })
  .strict();

export const createVisitSchema = z
  .object({
    form: visitFormSchema,
    target: visitTargetSchema,
    /** Everyone who went, besides the recording user (joint mentor–mentee visits count for both). */
    companionIds: z.array(z.uuid()).max(20).default([]),
    startedAt: eventInstantSchema,
    endedAt: eventInstantSchema,
    checkIn: checkInSchema.optional(),
    notes: textSchema(8000),
    services: z.array(visitServiceSchema).max(VISIT_SERVICES.length).default([]),
    /** Aid in yuan by service; each must be one of `services`. */
    aidAmounts: aidAmountsSchema.optional(),
    /** The "五个要" record, when the target is a key household. */
    keyRecord: keyRecordInputSchema.optional(),
    issues: z.array(visitIssueSchema).max(20).default([]),
    /** Opinions and suggestions heard (意见建议): counted apart, promoted to a case only when needed. */
    opinions: z.array(opinionInputSchema).max(OPINIONS_PER_VISIT_MAX).default([]),
  })
  .strict()
  .refine((v) => Date.parse(v.endedAt) >= Date.parse(v.startedAt), {
    message: 'A visit ends after it starts.',
    path: ['endedAt'],
  })
  .refine((v) => Object.keys(v.aidAmounts ?? {}).every((s) => v.services.includes(s as VisitService)), {
    message: 'An aid amount belongs to a service the visit delivered.',
    path: ['aidAmounts'],
  });
export type CreateVisit = z.infer<typeof createVisitSchema>;

export const createdVisitSchema = z.object({
  id: z.uuid(),
  isNight: z.boolean(),
  far: z.boolean(),
  distanceM: z.number().int().nullable(),
  cases: z.array(z.object({ id: z.uuid(), number: z.string(), onSpot: z.boolean() })),
});
export type CreatedVisit = z.infer<typeof createdVisitSchema>;

/**
 * The field app's sync: visits queued offline, each with the client's own id used as its
 * Idempotency-Key, so a replayed batch creates nothing twice.
 */
export const SYNC_BATCH_MAX = 50;
export const syncBatchSchema = z
  .object({
    visits: z
      .array(
        z
          .object({
            clientId: z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/),
            visit: createVisitSchema,
          })
          .strict(),
      )
      .min(1)
      .max(SYNC_BATCH_MAX),
  })
  .strict();
export type SyncBatch = z.infer<typeof syncBatchSchema>;

export const syncResultSchema = z.object({
  results: z.array(
    z.object({
      clientId: z.string(),
      status: z.number().int(),
      /** The created visit (first time or replayed), or the problem code of a refused one. */
      visit: createdVisitSchema.nullable(),
      code: z.string().nullable(),
    }),
  ),
});
export type SyncResult = z.infer<typeof syncResultSchema>;

/** A day (CST) or an instant, for the diary's period filters. */
const dayOrInstant = z.union([calendarDaySchema, instantSchema]);

/** The diary list: visits in scope, newest first, keyset paged. */
export const visitListQuerySchema = z
  .object({
    /** Visits held in this region or below. */
    regionId: z.uuid().optional(),
    /** Visits this person took part in (recorded or went along). */
    userId: z.uuid().optional(),
    form: visitFormSchema.optional(),
    /** What was visited: households, enterprises, forums or collection points. */
    targetType: visitTargetTypeSchema.optional(),
    /** Night visits only (true) or day visits only (false). */
    night: z.enum(['true', 'false']).optional(),
    /** From this day (CST) or instant on, inclusive. */
    from: dayOrInstant.optional(),
    /** Up to this day (CST, inclusive) or instant (exclusive). */
    to: dayOrInstant.optional(),
    /** One household's or enterprise's visits (its page's "see all visits"). */
    householdId: z.uuid().optional(),
    enterpriseId: z.uuid().optional(),
    after: z.string().max(200).optional(),
    /** A numbered page instead of a cursor (shared/domain/paging.ts). */
    page: pageNumberSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type VisitListQuery = z.infer<typeof visitListQuerySchema>;

const visitPerson = z.object({ id: z.uuid(), displayName: z.string() });

export const visitSummarySchema = z.object({
  id: z.uuid(),
  form: visitFormSchema,
  targetType: visitTargetTypeSchema,
  householdId: z.uuid().nullable(),
  enterpriseId: z.uuid().nullable(),
  /** The household's address, the enterprise's name, or the forum's / collection point's place. */
  targetName: z.string(),
  regionId: z.uuid(),
  regionName: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  isNight: z.boolean(),
  far: z.boolean(),
  distanceM: z.number().int().nullable(),
  recordedBy: visitPerson,
  visitors: z.array(visitPerson),
  caseCount: z.number().int(),
});
export type VisitSummary = z.infer<typeof visitSummarySchema>;

export const visitListSchema = z.object({
  items: z.array(visitSummarySchema),
  next: z.string().nullable(),
  /** Counted up to LIST_TOTAL_CAP (shared/domain/paging.ts). */
  total: z.number().int(),
  /** The total reached the cap: there are at least this many. */
  totalCapped: z.boolean(),
});

export const VISIT_ACTIONS = ['add_photo', 'comment'] as const;
export const visitActionSchema = z.enum(VISIT_ACTIONS);
export type VisitAction = z.infer<typeof visitActionSchema>;

export const visitPhotoSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedBy: visitPerson,
  createdAt: z.string(),
});
export type VisitPhoto = z.infer<typeof visitPhotoSchema>;

export const visitCommentInputSchema = z.object({ body: textSchema(2000) }).strict();
export type VisitCommentInput = z.infer<typeof visitCommentInputSchema>;

export const visitCommentSchema = z.object({
  id: z.uuid(),
  author: visitPerson,
  body: z.string(),
  createdAt: z.string(),
});
export type VisitComment = z.infer<typeof visitCommentSchema>;

/** A case an issue of the visit became, as it stands now. */
export const visitCaseSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  state: caseStateSchema,
  onSpot: z.boolean(),
});

export const visitKeyRecordSchema = keyRecordInputSchema.extend({ id: z.uuid() });

export const visitDetailSchema = visitSummarySchema.extend({
  placeName: z.string().nullable(),
  attendance: z.number().int().nullable(),
  checkIn: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  notes: z.string(),
  services: z.array(visitServiceSchema),
  /** Aid in yuan by service (only the services that carried an amount). */
  aidAmounts: aidAmountsSchema,
  /** Their sum in yuan (0 when none). */
  aidYuan: z.number(),
  keyRecord: visitKeyRecordSchema.nullable(),
  photos: z.array(visitPhotoSchema),
  cases: z.array(visitCaseSchema),
  comments: z.array(visitCommentSchema),
  createdAt: z.string(),
  /** What the caller may do to this visit. */
  actions: z.array(visitActionSchema),
});
export type VisitDetail = z.infer<typeof visitDetailSchema>;
