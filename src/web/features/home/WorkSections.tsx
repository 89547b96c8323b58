import { Flex, Skeleton } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_STATES } from '../../../shared/domain/home.ts';
import { useAsync } from '../../api/use-async.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { caseListPath } from '../cases/cases-path.ts';
import { CountTiles, SectionTitle, type Tile } from './CountTile.tsx';
import { useHomeApi } from './home-api.ts';

/** A handler's to-do: to sign for, due soon, overdue, whistle reports due, replies sent back. */
export function TodoSection() {
  const { t } = useTranslation();
  const home = useHomeApi();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [counts, toSign, overdue, soon] = await Promise.all([
        home.counts(signal),
        home.cases({ view: 'inbox', state: ['dispatched'] }, 1, signal),
        home.cases({ view: 'inbox', overdue: 'true' }, 1, signal),
        home.cases({ view: 'inbox', dueSoon: 'true' }, 1, signal),
      ]);
      return { todo: counts.todo, toSign: toSign.total, overdue: overdue.total, soon: soon.total };
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
          value: data.data.soon,
          to: caseListPath('inbox', { dueSoon: 'true' }),
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
          to: caseListPath('queue', { dueSoon: 'true' }),
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
