import { z } from 'zod';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';
import { periodSchema } from './coverage.ts';
import { FINDING_STATES } from './findings.ts';

/**
 * Supervision reports (两督, issue 14 §2): a supervisor's periodic report on a street or district,
 * drafted from the period's points (a closed period's stored ones, else the live ones), edited,
 * then published to the units it names, each of which answers its finding (整改) through the
 * shared findings. Drafting is pure: `draftSupervision` below.
 */
export const SUPERVISION_PERIOD_KINDS = ['month', 'quarter'] as const;

/** The points a report draws its findings from, in the order a finding lists them. */
export const SUPERVISION_ITEMS = [
  'overdue',
  'supervised',
  'reopened',
  'unsatisfied',
  'coverage_short',
  'spot_check_not_confirmed',
  'finding_overdue',
] as const;
export type SupervisionItem = (typeof SUPERVISION_ITEMS)[number];

export const SUPERVISION_STATES = ['draft', 'published'] as const;

/** Case numbers a finding's figure quotes at most; the count is always whole. */
export const QUOTED_CASES = 5;

/** A finding's text at most (the shared findings keep as much). */
export const FINDING_TEXT_MAX = 1000;

export const supervisionFigureSchema = z.object({
  count: z.number().int(),
  /** The points' sum, in hundredths. */
  cp: z.number().int(),
  cases: z.array(z.string()),
  /** Coverage: the percent reached and the target. */
  percent: z.number().nullable().optional(),
  target: z.number().nullable().optional(),
});
export type SupervisionFigure = z.infer<typeof supervisionFigureSchema>;

/** A community or handling unit of the report's place a finding may name, with its numbers. */
export const supervisionSubjectSchema = z.object({
  /** The score subject key: a community's region id, 'd:<department>', 'r:<region>'. */
  key: z.string(),
  kind: z.enum(['places', 'units']),
  name: z.string(),
  /** The place the unit belongs to (a department's node): who reads its finding follows it. */
  regionPath: z.string(),
  figures: z.partialRecord(z.enum(SUPERVISION_ITEMS), supervisionFigureSchema),
});
export type SupervisionSubject = z.infer<typeof supervisionSubjectSchema>;

export const supervisionFindingInputSchema = z
  .object({
    subjectKey: z.string().min(1).max(80),
    text: textSchema(FINDING_TEXT_MAX),
    dueOn: calendarDaySchema,
  })
  .strict();
export type SupervisionFindingInput = z.infer<typeof supervisionFindingInputSchema>;

export const supervisionFindingSchema = supervisionFindingInputSchema.extend({
  subjectName: z.string(),
  regionPath: z.string(),
});
export type SupervisionFinding = z.infer<typeof supervisionFindingSchema>;

export const createSupervisionReportSchema = z
  .object({
    /** A street or the district node. */
    regionId: z.uuid(),
    period: z.enum(SUPERVISION_PERIOD_KINDS),
    /** A Beijing day inside the period; today when absent. */
    at: calendarDaySchema.optional(),
  })
  .strict();
export type CreateSupervisionReport = z.infer<typeof createSupervisionReportSchema>;

export const updateSupervisionReportSchema = z
  .object({
    title: textSchema(200).optional(),
    body: textSchema(8000, 0).optional(),
    /** The whole list as it is to stand: added, removed and reworded findings at once. */
    findings: z.array(supervisionFindingInputSchema).max(200).optional(),
  })
  .strict();
export type UpdateSupervisionReport = z.infer<typeof updateSupervisionReportSchema>;

export const supervisionListQuerySchema = z.object({ regionId: z.uuid().optional() }).strict();

export const supervisionSummarySchema = z.object({
  id: z.string(),
  region: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  period: periodSchema,
  title: z.string(),
  state: z.enum(SUPERVISION_STATES),
  findings: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type SupervisionSummary = z.infer<typeof supervisionSummarySchema>;

/** A published finding's answer, read from the shared findings. */
export const rectificationSchema = z.object({
  findingId: z.string(),
  note: z.string().nullable(),
  rectifiedOn: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  state: z.enum(FINDING_STATES),
});

export const supervisionReportSchema = supervisionSummarySchema.extend({
  body: z.string(),
  /** The closed score period the draft was read from; null: the live scores. */
  scorePeriodId: z.string().nullable(),
  findings: z.array(
    supervisionFindingSchema.extend({
      figures: supervisionSubjectSchema.shape.figures,
      rectification: rectificationSchema.nullable(),
    }),
  ),
  /** Units a finding may be added for (writers of a draft only; empty otherwise). */
  subjects: z.array(supervisionSubjectSchema),
  actions: z.array(z.enum(['edit', 'publish'])),
});
export type SupervisionReport = z.infer<typeof supervisionReportSchema>;

/** A point as drafting needs it (live or stored). */
export interface DraftPoint {
  subject: string;
  item: string;
  cp: number;
  caseNumber: string | null;
  detail: Record<string, unknown>;
}

/** A scored community or unit of the place. */
export interface DraftSubject {
  key: string;
  kind: 'places' | 'units';
  name: string;
  regionPath: string;
}

/** The words a drafted finding is made of (the zh-CN catalogue on the server). */
export interface DraftWords {
  items: Record<SupervisionItem, string>;
  /** "{{label}} {{count}}", with "（{{cases}}）" appended when cases are quoted. */
  figure: string;
  cases: string;
  coverage: string;
  finding: string;
  separator: string;
}

/** A catalogue template with its `{{name}}` placeholders filled (the server drafts without i18next). */
export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(values[name] ?? ''));

const isSupervisionItem = (item: string): item is SupervisionItem =>
  (SUPERVISION_ITEMS as readonly string[]).includes(item);

/**
 * The subjects of a place with their supervision figures, and one drafted finding for each that
 * has any: every point of a supervision item counts once, so a figure's count is its points' and
 * its `cp` their sum. Cadres are not units: their points stay in the scores.
 */
export function draftSupervision(
  subjects: readonly DraftSubject[],
  points: readonly DraftPoint[],
  words: DraftWords,
  dueOn: string,
): { subjects: SupervisionSubject[]; findings: SupervisionFinding[] } {
  const byKey = new Map<string, SupervisionSubject>(
    subjects.map((s) => [
      s.key,
      { key: s.key, kind: s.kind, name: s.name, regionPath: s.regionPath, figures: {} },
    ]),
  );
  for (const p of points) {
    const subject = byKey.get(p.subject);
    if (!subject || !isSupervisionItem(p.item)) continue;
    const figure = subject.figures[p.item] ?? { count: 0, cp: 0, cases: [] };
    figure.count += 1;
    figure.cp += p.cp;
    if (p.caseNumber !== null && !figure.cases.includes(p.caseNumber) && figure.cases.length < QUOTED_CASES)
      figure.cases.push(p.caseNumber);
    if (p.item === 'coverage_short') {
      figure.percent = typeof p.detail.percent === 'number' ? p.detail.percent : null;
      figure.target = typeof p.detail.target === 'number' ? p.detail.target : null;
    }
    subject.figures[p.item] = figure;
  }
  const all = [...byKey.values()];
  const findings = all
    .filter((s) => Object.keys(s.figures).length > 0)
    .map((s) => ({
      subjectKey: s.key,
      subjectName: s.name,
      regionPath: s.regionPath,
      text: findingText(s, words, dueOn),
      dueOn,
    }));
  return { subjects: all, findings };
}

/**
 * A drafted finding's text: each figure in SUPERVISION_ITEMS order, then what is asked — without
 * the case numbers when they would make it too long to keep (the figures still list them).
 */
export function findingText(subject: SupervisionSubject, words: DraftWords, dueOn: string): string {
  const full = wordedFinding(subject, words, dueOn, true);
  return full.length <= FINDING_TEXT_MAX
    ? full
    : wordedFinding(subject, words, dueOn, false).slice(0, FINDING_TEXT_MAX);
}

function wordedFinding(
  subject: SupervisionSubject,
  words: DraftWords,
  dueOn: string,
  quote: boolean,
): string {
  const parts = SUPERVISION_ITEMS.flatMap((item) => {
    const f = subject.figures[item];
    if (!f) return [];
    if (item === 'coverage_short' && f.percent != null && f.target != null)
      return [fill(words.coverage, { label: words.items[item], percent: f.percent, target: f.target })];
    const base = fill(words.figure, { label: words.items[item], count: f.count });
    return [quote && f.cases.length > 0 ? base + fill(words.cases, { cases: f.cases.join('、') }) : base];
  });
  return fill(words.finding, { name: subject.name, figures: parts.join(words.separator), due: dueOn });
}
