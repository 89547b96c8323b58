import { z } from 'zod';
import type { CaseState } from '../cases/workflow.ts';
import { textSchema } from '../validation/text.ts';

/** A status link token: the district code, a dash, 24 base64url characters (144 random bits). */
export const STATUS_TOKEN_PATTERN = /^(\d{6})-([A-Za-z0-9_-]{24})$/;

/** The district a token belongs to, or null when the text cannot be a token (no lookup is made). */
export function parseStatusToken(token: string): { districtCode: string } | null {
  const match = STATUS_TOKEN_PATTERN.exec(token);
  return match ? { districtCode: match[1] as string } : null;
}

/** The web path of a status page; the SMS and the receipt carry it. */
export function statusPath(token: string): string {
  return `/s/${token}`;
}

/**
 * The link a text message carries: absolute on the first public origin (MINQING_PUBLIC_ORIGIN), or
 * the bare path when none is configured (the resident's phone cannot open that, so operators who
 * text links must set the origin; the operator guide says so).
 */
export function statusUrl(origin: string | undefined, token: string): string {
  return origin ? `${origin.replace(/\/+$/, '')}${statusPath(token)}` : statusPath(token);
}

/**
 * Whether a case taken in by staff texts the reporter a status link (given their phone): not for
 * an anonymous reporter, and not for a 12345 caller, who hears back through the hotline itself.
 */
export function staffIntakeTextsStatusLink(channel: string, reporterType: string): boolean {
  return reporterType !== 'anonymous' && channel !== 'hotline_12345';
}

/**
 * Where a case stands, as its reporter understands it (not the workflow's states: a resident does
 * not see acceptance, dispatch and sign-off apart, nor a reply waiting for the first responder).
 */
export const RESIDENT_STAGES = [
  'received',
  'in_hand',
  'awaiting_rating',
  'reopened',
  'closed',
  'not_taken',
] as const;
export type ResidentStage = (typeof RESIDENT_STAGES)[number];

const STAGE_OF_STATE: Record<CaseState, ResidentStage> = {
  submitted: 'received',
  accepted: 'in_hand',
  dispatched: 'in_hand',
  returned: 'in_hand',
  in_progress: 'in_hand',
  // A reply the first responder has not approved yet may still be sent back: not shown yet.
  replied: 'in_hand',
  follow_up: 'awaiting_rating',
  reopened: 'reopened',
  closed: 'closed',
  rejected: 'not_taken',
  merged: 'not_taken',
  cancelled: 'not_taken',
};

export function residentStage(state: CaseState): ResidentStage {
  return STAGE_OF_STATE[state];
}

/** The steps of the masked timeline: what was done, never by whom (beyond the handling unit). */
export const RESIDENT_STEPS = [
  'reported',
  'accepted',
  'assigned',
  'handling',
  'contacted',
  'extended',
  'progress',
  'replied',
  'rated',
  'rehandling',
  'closed',
  'not_taken',
] as const;
export type ResidentStep = (typeof RESIDENT_STEPS)[number];

/** Workflow actions the resident hears of, as steps; every other action (internal work) is left out. */
const STEP_OF_ACTION: Partial<Record<string, ResidentStep>> = {
  submit: 'reported',
  accept: 'accepted',
  dispatch: 'assigned',
  redispatch: 'assigned',
  escalate: 'assigned',
  sign: 'handling',
  first_contact: 'contacted',
  approve_extension: 'extended',
  progress_notice: 'progress',
  approve_reply: 'replied',
  rate: 'rated',
  rehandle: 'rehandling',
  close_unreachable: 'closed',
  close_override: 'closed',
  reject: 'not_taken',
  merge: 'not_taken',
  cancel: 'not_taken',
};

/** A timeline event as stored, reduced to what the masking reads. */
export interface StatusEvent {
  action: string;
  at: Date;
  detail: Record<string, unknown>;
}

const RESIDENT_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const residentRatingSchema = z.enum(RESIDENT_RATINGS);
export type ResidentRating = z.infer<typeof residentRatingSchema>;

export const residentStepSchema = z.object({
  kind: z.enum(RESIDENT_STEPS),
  at: z.string(),
  /** A progress notice's text: written to the resident (and texted to them). */
  message: z.string().optional(),
  /** A rating's value (an unreachable call is not shown). */
  rating: residentRatingSchema.optional(),
});
export type ResidentStepView = z.infer<typeof residentStepSchema>;

export const residentReplySchema = z.object({ text: z.string(), at: z.string() });

/**
 * The masked timeline and the replies: steps by kind and time only, a progress notice's text, a
 * rating's value; a reply once the first responder approved it (a reply sent back is never
 * shown). Nothing else of an event's detail — no names, phones, notes or reasons — leaves.
 */
export function maskTimeline(events: readonly StatusEvent[]): {
  steps: ResidentStepView[];
  replies: { text: string; at: string }[];
} {
  const steps: ResidentStepView[] = [];
  const replies: { text: string; at: string }[] = [];
  let pending: string | null = null;
  for (const e of events) {
    if (typeof e.detail.reply === 'string') pending = e.detail.reply;
    if (e.action === 'send_back') pending = null;
    if (e.action === 'approve_reply' && pending !== null) {
      replies.push({ text: pending, at: e.at.toISOString() });
      pending = null;
    }
    const kind = STEP_OF_ACTION[e.action];
    if (!kind) continue;
    const step: ResidentStepView = { kind, at: e.at.toISOString() };
    if (kind === 'progress' && typeof e.detail.message === 'string') step.message = e.detail.message;
    if (kind === 'rated') {
      const rating = residentRatingSchema.safeParse(e.detail.rating);
      if (!rating.success) continue;
      step.rating = rating.data;
    }
    steps.push(step);
  }
  return { steps, replies };
}

/** GET /api/v1/public/status/:token: the case as its reporter sees it. */
export const publicCaseStatusSchema = z
  .object({
    number: z.string(),
    title: z.string(),
    reportedAt: z.string(),
    stage: z.enum(RESIDENT_STAGES),
    /** The handling unit's name (a department, community or grid), once there is one. */
    unit: z.string().nullable(),
    steps: z.array(residentStepSchema),
    replies: z.array(residentReplySchema),
    /** Whether the rating form is open (the reply was approved and awaits the follow-up). */
    ratingOpen: z.boolean(),
    /** The rating that closed or reopened the case last, if any. */
    latestRating: residentRatingSchema.nullable(),
  })
  .strict();
export type PublicCaseStatus = z.infer<typeof publicCaseStatusSchema>;

/** POST /api/v1/public/status/:token/rating. */
export const residentRatingBodySchema = z
  .object({ rating: residentRatingSchema, comment: textSchema(500, 0).optional() })
  .strict();
export type ResidentRatingBody = z.infer<typeof residentRatingBodySchema>;

/** Staff: a case's status links (how many work now) and, after issuing one, its path (shown once). */
export const caseStatusLinksSchema = z
  .object({ live: z.number().int(), path: z.string().optional() })
  .strict();
export type CaseStatusLinks = z.infer<typeof caseStatusLinksSchema>;

/** A text with each status link's secret part hidden, for logs (the link itself opens the case). */
export function hideStatusTokens(text: string): string {
  return text.replace(/\/s\/(\d{6})-[A-Za-z0-9_-]{24}/g, '/s/$1-…');
}
