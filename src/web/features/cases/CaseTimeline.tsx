import { Flex, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../../../shared/domain/case.ts';
import { formatTime } from './case-clock.ts';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** What an event's detail adds to its line: the reply, the rating, the unit, the new deadline… */
export function eventDetailLines(event: CaseEvent, t: TFunction, locale: string): string[] {
  const d = event.detail;
  const lines: string[] = [];
  if (event.reason) lines.push(t('cases.detail.reason', { reason: event.reason }));
  const unit = d.unit as { name?: unknown } | undefined;
  if (unit && text(unit.name)) lines.push(t('cases.detail.toUnit', { unit: unit.name }));
  if (text(d.reply)) lines.push(t('cases.detail.replyText', { reply: d.reply }));
  if (text(d.rating)) lines.push(t('cases.detail.ratingText', { rating: t(`cases.ratings.${d.rating}`) }));
  if (typeof d.solved === 'boolean')
    lines.push(
      t('cases.detail.solvedText', { answer: t(d.solved ? 'cases.act.solvedYes' : 'cases.act.solvedNo') }),
    );
  if (text(d.returnKind))
    lines.push(t('cases.detail.returnKindText', { kind: t(`cases.returnKinds.${d.returnKind}`) }));
  if (text(d.rejectKind))
    lines.push(t('cases.detail.rejectKindText', { kind: t(`cases.rejectKinds.${d.rejectKind}`) }));
  if (typeof d.workingDays === 'number') lines.push(t('cases.detail.workingDays', { days: d.workingDays }));
  if (text(d.dueAt)) lines.push(t('cases.detail.newDue', { time: formatTime(d.dueAt as string, locale) }));
  if (event.action === 'escalate' && typeof d.level === 'number')
    lines.push(t('cases.detail.levelText', { level: t(`cases.levels.${d.level}`) }));
  const into = d.into as { number?: unknown } | undefined;
  if (into && text(into.number)) lines.push(t('cases.detail.mergedText', { number: into.number }));
  if (text(d.message)) lines.push(t('cases.detail.messageText', { message: d.message }));
  if (Array.isArray(d.tasks)) {
    const departments = d.tasks
      .map((task) => text((task as { department?: unknown }).department))
      .filter((name) => name !== undefined);
    lines.push(t('cases.detail.tasksText', { departments: departments.join('、') }));
  }
  if (text(d.note)) lines.push(t('cases.detail.noteText', { note: d.note }));
  if (event.action === 'classify') lines.push(...classifiedLines(d, t, locale));
  return lines;
}

type Classified = {
  categoryId?: unknown;
  categoryName?: unknown;
  categoryNameEn?: unknown;
  kind?: unknown;
  urgency?: unknown;
  listType?: unknown;
};

/**
 * A classification's lines: each field it changed, old → new, in words. A category is named as it
 * was named when classified (the event keeps both languages); no category reads as such.
 */
function classifiedLines(d: CaseEvent['detail'], t: TFunction, locale: string): string[] {
  const from = (d.from ?? {}) as Classified;
  const to = (d.to ?? {}) as Classified;
  const category = (side: Classified) =>
    side.categoryId === null
      ? t('cases.detail.noCategory')
      : ((locale.startsWith('en') ? text(side.categoryNameEn) : undefined) ?? text(side.categoryName) ?? '—');
  const word = (prefix: string, value: unknown) => (text(value) ? t(`${prefix}.${value}`) : '—');
  const fields = [
    ['categoryId', 'cases.category', category],
    ['kind', 'cases.kind', (side: Classified) => word('cases.kinds', side.kind)],
    ['urgency', 'cases.urgency', (side: Classified) => word('cases.urgencies', side.urgency)],
    ['listType', 'cases.listType', (side: Classified) => word('cases.listTypes', side.listType)],
  ] as const;
  return fields
    .filter(([key]) => key in to)
    .map(([, label, value]) =>
      t('cases.detail.classifiedText', { field: t(label), from: value(from), to: value(to) }),
    );
}

/** Every event of the case, oldest first: what was done, by whom, when, and any change of state. */
export function CaseTimeline({ events }: { events: readonly CaseEvent[] }) {
  const { t, i18n } = useTranslation();
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <Timeline
      data-testid="case-timeline"
      items={ordered.map((event) => ({
        key: event.id,
        color: event.toState === 'reopened' ? 'red' : event.toState === 'closed' ? 'green' : 'blue',
        content: (
          <Flex
            vertical
            gap={2}
            data-testid="case-event"
            data-action={event.action}
            data-actor={event.actorName ?? ''}
            data-to={event.toState}
          >
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>{t(`cases.actions.${event.action}`, event.action)}</Typography.Text>
              <Typography.Text type="secondary">
                {event.actorName ??
                  (event.detail.byResident === true
                    ? t('residentStatus.byResident')
                    : t('cases.detail.system'))}
              </Typography.Text>
              <Typography.Text type="secondary">{formatTime(event.createdAt, i18n.language)}</Typography.Text>
            </Flex>
            {/* An action that keeps the state (a note, a first contact) is its own line: no "A → A". */}
            {event.fromState !== event.toState && (
              <Typography.Text type="secondary" data-testid="case-event-states">
                {event.fromState
                  ? t('cases.detail.fromTo', {
                      from: t(`cases.states.${event.fromState}`),
                      to: t(`cases.states.${event.toState}`),
                    })
                  : t(`cases.states.${event.toState}`)}
              </Typography.Text>
            )}
            {eventDetailLines(event, t, i18n.language).map((line) => (
              <Typography.Paragraph
                key={line}
                style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              >
                {line}
              </Typography.Paragraph>
            ))}
          </Flex>
        ),
      }))}
    />
  );
}
