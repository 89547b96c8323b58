import type { CaseKind } from '../../../shared/domain/case.ts';
import { KEY_RECORD_FIELDS, type KeyRecordInput } from '../../../shared/domain/key-household.ts';
import {
  type CreateVisit,
  createVisitSchema,
  type VisitForm,
  type VisitService,
} from '../../../shared/domain/visit.ts';

/** What the visit form holds (times as Date; blank texts as ''). */
export interface VisitDraft {
  form: VisitForm;
  target: { type: 'household'; householdId: string } | { type: 'enterprise'; enterpriseId: string };
  startedAt: Date;
  /** Null: the visit ends now, when it is saved. */
  endedAt: Date | null;
  checkIn: { latitude: number; longitude: number; accuracy?: number } | null;
  notes: string;
  services: CreateVisit['services'];
  /** Aid in yuan typed beside a chosen service (blank: none); absent in drafts queued before it. */
  aidAmounts?: Partial<Record<VisitService, number | null>>;
  keyRecord: Partial<Record<keyof KeyRecordInput, string>> | null;
  issues: {
    title: string;
    description: string;
    kind: CaseKind;
    urgency: 'urgent' | 'important' | 'ordinary';
    resolvedOnSpot: boolean;
    resolution?: string | undefined;
  }[];
  /** Opinions and suggestions heard (意见建议), one a line; absent in drafts queued before them. */
  opinions?: string;
}

/** One opinion per non-blank line of the form's box. */
export function opinionsOf(text: string | undefined): { text: string }[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => ({ text: line }));
}

/**
 * The visit as the server takes it, checked with the same schema the server uses, so what is
 * queued offline is accepted later. A "五个要" record is sent only when something was written in
 * it (then every part is required); a resolution only with an issue resolved on the spot.
 */
export function toCreateVisit(draft: VisitDraft, now: Date = new Date()) {
  const keyRecord =
    draft.keyRecord && KEY_RECORD_FIELDS.some((f) => draft.keyRecord?.[f]?.trim())
      ? Object.fromEntries(KEY_RECORD_FIELDS.map((f) => [f, draft.keyRecord?.[f] ?? '']))
      : undefined;
  const endedAt = draft.endedAt ?? (now < draft.startedAt ? draft.startedAt : now);
  // An amount counts only beside a service still ticked: unticking a service drops its amount.
  const aid = Object.entries(draft.aidAmounts ?? {}).filter(
    ([service, amount]) => amount != null && draft.services.includes(service as VisitService),
  );
  return createVisitSchema.safeParse({
    form: draft.form,
    target: draft.target,
    companionIds: [],
    startedAt: draft.startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    ...(draft.checkIn ? { checkIn: draft.checkIn } : {}),
    notes: draft.notes,
    services: draft.services,
    ...(aid.length > 0 ? { aidAmounts: Object.fromEntries(aid) } : {}),
    ...(keyRecord ? { keyRecord } : {}),
    issues: draft.issues.map((issue) => ({
      title: issue.title,
      description: issue.description,
      kind: issue.kind,
      urgency: issue.urgency,
      resolvedOnSpot: issue.resolvedOnSpot,
      ...(issue.resolvedOnSpot && issue.resolution?.trim() ? { resolution: issue.resolution } : {}),
    })),
    opinions: opinionsOf(draft.opinions),
  });
}
