import { Flex, Skeleton } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_STATES } from '../../../shared/domain/home.ts';
import { useAsync } from '../../api/use-async.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { clockStatus } from '../cases/case-clock.ts';
import { caseListPath } from '../cases/cases-path.ts';
import { CountTiles, SectionTitle, type Tile, useCountText } from './CountTile.tsx';
import { useHomeApi } from './home-api.ts';
import { dueSoonCount } from './home-sections.ts';

/** Rows read from the head of the inbox (sorted by deadline) to count those due soon. */
const INBOX_HEAD = 100;

/** A handler's to-do: to sign for, due soon, overdue, whistle reports due, replies sent back. */
export function TodoSection() {
  const { t } = useTranslation();
  const home = useHomeApi();
  const countText = useCountText();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [counts, toSign, overdue, head] = await Promise.all([
        home.counts(signal),
        home.cases({ view: 'inbox', state: ['dispatched'] }, 1, signal),
        home.cases({ view: 'inbox', overdue: 'true' }, 1, signal),
        home.cases({ view: 'inbox' }, INBOX_HEAD, signal),
      ]);
      const now = Date.now();
      const soon = dueSoonCount(
        head.items.map((i) => clockStatus(i, now)),
        head.next !== null,
      );
      return { todo: counts.todo, toSign: toSign.total, overdue: overdue.total, soon };
    },
    [home],
  );
  const data = useAsync(load);
  const tiles: Tile[] = data.data
    ? [
        {
          id: 'to-sign',
          label: t('home.todo.toSign'),
          value: data.data.toSign,
          to: caseListPath('inbox', { state: ['dispatched'] }),
        },
        {
          id: 'due-soon',
          label: t('home.todo.dueSoon'),
          value: countText(data.data.soon.count, data.data.soon.atLeast),
          // The inbox is sorted by deadline: the ones due soon come first, after the overdue.
          to: caseListPath('inbox'),
          how: t('home.todo.dueSoonHow'),
        },
        {
          id: 'overdue',
          label: t('home.todo.overdue'),
          value: data.data.overdue,
          to: caseListPath('inbox', { overdue: 'true' }),
          alarm: true,
        },
        {
          id: 'reports-due',
          label: t('home.todo.reportsDue'),
          value: data.data.todo?.reportsDue ?? 0,
          to: caseListPath('inbox'),
          note: data.data.todo?.reportsLate
            ? t('home.todo.reportsLate', { count: data.data.todo.reportsLate })
            : undefined,
        },
        {
          id: 'sent-back',
          label: t('home.todo.sentBack'),
          value: data.data.todo?.sentBack ?? 0,
          to: caseListPath('inbox', { state: ['in_progress'] }),
        },
      ]
    : [];
  return (
    <Flex vertical gap={12} data-testid="home-todo">
      <SectionTitle testId="home-todo-title">{t('home.sections.todo')}</SectionTitle>
      {data.status === 'error' && <ApiErrorAlert error={data.error} onRetry={data.reload} />}
      {data.status === 'loading' && <Skeleton active />}
      {data.data && <CountTiles tiles={tiles} />}
    </Flex>
  );
}

/** A dispatcher's queue: open cases by state and by clock, each opening the list it counts. */
export function QueueSection() {
  const { t } = useTranslation();
  const home = useHomeApi();
  const load = useCallback((signal: AbortSignal) => home.counts(signal), [home]);
  const data = useAsync(load);
  const queue = data.data?.queue;
  const byState: Tile[] = queue
    ? QUEUE_STATES.map((state) => ({
        id: `state-${state}`,
        label: t(`cases.states.${state}`),
        value: queue.byState.find((s) => s.state === state)?.count ?? 0,
        to: caseListPath('queue', { state: [state] }),
      }))
    : [];
  const byClock: Tile[] = queue
    ? [
        {
          id: 'queue-overdue',
          label: t('home.queue.overdue'),
          value: queue.overdue,
          to: caseListPath('queue', { overdue: 'true' }),
          alarm: true,
        },
        {
          id: 'queue-due-soon',
          label: t('home.queue.dueSoon'),
          value: queue.dueSoon,
          how: t('home.queue.dueSoonHow'),
        },
      ]
    : [];
  return (
    <Flex vertical gap={12} data-testid="home-queue">
      <SectionTitle testId="home-queue-title">{t('home.sections.queue')}</SectionTitle>
      {data.status === 'error' && <ApiErrorAlert error={data.error} onRetry={data.reload} />}
      {data.status === 'loading' && <Skeleton active />}
      {queue && <CountTiles tiles={byClock} />}
      {queue && <CountTiles tiles={byState} />}
    </Flex>
  );
}
