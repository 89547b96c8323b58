import { z } from 'zod';
import { LEAGUE_SUBJECTS } from '../figures/league.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';

/**
 * Quarterly praise and criticism lists (表扬单 / 批评单, issue 14 §3). A leader proposes one from a
 * closed quarter's scores — the praise list from its red-listed subjects, the criticism list from
 * its black-listed ones, as the period's rules drew those lines — edits the draft and approves
 * it: the list is published to every unit in its place, and each criticism entry becomes a
 * finding its subject answers with a rectification (整改).
 */
export const SCORE_LIST_KINDS = ['praise', 'criticism'] as const;
export type ScoreListKind = (typeof SCORE_LIST_KINDS)[number];

/** The score table's list each kind is drawn from. */
export const LIST_OF_KIND: Record<ScoreListKind, 'red' | 'black'> = { praise: 'red', criticism: 'black' };

export const SCORE_LIST_STATES = ['draft', 'published'] as const;

/** Most entries one list holds (a district quarter's red or black rows are far fewer). */
export const SCORE_LIST_ENTRIES_MAX = 300;

/** A score row as a list proposal reads it. */
export interface ListCandidate {
  subjectKey: string;
  subjectKind: string;
  subjectName: string;
  peerGroupName: string | null;
  scoreCp: number;
  rank: number;
  list: string | null;
}

const points = (cp: number) => (cp / 100).toFixed(2).replace(/\.?0+$/, '');

/**
 * The wording a proposal starts from (the official document's language, Chinese): who, which
 * group, rank and score. The leader rewrites it freely in the draft.
 */
export function defaultEntryText(kind: ScoreListKind, c: ListCandidate, periodLabel: string): string {
  const group = c.peerGroupName ? `在${c.peerGroupName}中` : '';
  return kind === 'praise'
    ? `${c.subjectName}${periodLabel}综合得分${points(c.scoreCp)}分，${group}排名第${c.rank}，予以表扬。`
    : `${c.subjectName}${periodLabel}综合得分${points(c.scoreCp)}分，${group}排名第${c.rank}，予以批评，请限期整改并报送整改情况。`;
}

/** The rows a kind of list proposes: the red (or black) rows, in the table's order. */
export function proposedEntries(kind: ScoreListKind, rows: readonly ListCandidate[]): ListCandidate[] {
  return rows.filter((r) => r.list === LIST_OF_KIND[kind]);
}

export const proposeScoreListSchema = z
  .object({ periodId: z.uuid(), kind: z.enum(SCORE_LIST_KINDS) })
  .strict();
export type ProposeScoreList = z.infer<typeof proposeScoreListSchema>;

export const scoreListEntriesInputSchema = z
  .object({
    title: textSchema(200).optional(),
    entries: z
      .array(z.object({ subjectKey: z.string().min(1).max(80), text: textSchema(1000) }).strict())
      .max(SCORE_LIST_ENTRIES_MAX)
      .refine((entries) => new Set(entries.map((e) => e.subjectKey)).size === entries.length, {
        message: 'Each subject once.',
      }),
  })
  .strict();
export type ScoreListEntriesInput = z.infer<typeof scoreListEntriesInputSchema>;

export const approveScoreListSchema = z
  .object({
    /** The day a criticism list's findings must be rectified by (required for a criticism list). */
    dueOn: calendarDaySchema.optional(),
  })
  .strict();
export type ApproveScoreList = z.infer<typeof approveScoreListSchema>;

export const scoreListsQuerySchema = z
  .object({ regionId: z.uuid().optional(), periodId: z.uuid().optional() })
  .strict();
export type ScoreListsQuery = z.infer<typeof scoreListsQuerySchema>;

export const scoreListSummarySchema = z.object({
  id: z.uuid(),
  kind: z.enum(SCORE_LIST_KINDS),
  title: z.string(),
  state: z.enum(SCORE_LIST_STATES),
  region: z.object({ id: z.uuid(), name: z.string() }),
  period: z.object({
    id: z.uuid(),
    kind: z.string(),
    from: z.string(),
    to: z.string(),
    revision: z.number(),
  }),
  /** The period was reopened after the list was proposed: its scores may have changed. */
  stale: z.boolean(),
  dueOn: z.string().nullable(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  entries: z.number().int(),
});
export type ScoreListSummary = z.infer<typeof scoreListSummarySchema>;

export const SCORE_LIST_ACTIONS = ['edit', 'approve', 'export'] as const;

export const scoreListSchema = scoreListSummarySchema.extend({
  items: z.array(
    z.object({
      subjectKey: z.string(),
      subjectKind: z.enum(LEAGUE_SUBJECTS),
      subjectName: z.string(),
      scoreCp: z.number().int(),
      rank: z.number().int(),
      text: z.string(),
      findingId: z.uuid().nullable(),
    }),
  ),
  /** Subjects of the period not on the list, which a draft may add. */
  candidates: z.array(
    z.object({
      subjectKey: z.string(),
      subjectName: z.string(),
      scoreCp: z.number().int(),
      rank: z.number().int(),
    }),
  ),
  actions: z.array(z.enum(SCORE_LIST_ACTIONS)),
});
export type ScoreList = z.infer<typeof scoreListSchema>;
