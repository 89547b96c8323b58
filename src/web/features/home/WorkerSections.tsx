import { Alert, Button, Flex, Skeleton } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_PERMISSIONS } from '../../../shared/auth/roles.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { caseListPath } from '../cases/cases-path.ts';
import { sectionPath } from '../visits/visits-path.ts';
import { CountTiles, SectionTitle, type Tile } from './CountTile.tsx';
import { useHomeApi } from './home-api.ts';

const settled = <T,>(result: PromiseSettledResult<T>) =>
  result.status === 'fulfilled' ? result.value : null;

/**
 * A worker's day: the visits they took part in today, the households and enterprises the visit
 * rules and their 包联 assignments put on today's (or the next visit day's) round, key households
 * among them, and their progress against the visit quotas. Each part stands alone: one that
 * cannot be read (no rule reaches the worker yet) leaves the others shown.
 */
export function VisitsSection() {
  const { t } = useTranslation();
  const me = useMe();
  const home = useHomeApi();
  // The quota report is read for the place of the worker's visiting grant.
  const visitingRegion = me.roles.find(
    (g) => g.scopeRegionId && ROLE_PERMISSIONS[g.role].includes('visits:write'),
  )?.scopeRegionId;
  const load = useCallback(
    async (signal: AbortSignal) => {
      const today = cstDay(new Date());
      const [recorded, round, quota] = await Promise.allSettled([
        home.visitsOn(me.id, today, signal),
        home.visitDay(signal),
        visitingRegion ? home.quota(visitingRegion, signal) : Promise.resolve(null),
      ]);
      if (recorded.status === 'rejected') throw recorded.reason;
      return {
        today,
        recorded: recorded.value.total,
        round: settled(round),
        quota: settled(quota)?.items.find((w) => w.userId === me.id)?.lines ?? [],
      };
    },
    [home, me.id, visitingRegion],
  );
  const data = useAsync(load);
  const mayRecord = me.permissions.includes('visits:write');
  const tiles: Tile[] = [];
  if (data.data) {
    const { today, recorded, round, quota } = data.data;
    tiles.push({
      id: 'visited-today',
      label: t('home.visits.recordedToday'),
      value: recorded,
      to: sectionPath('diary'),
    });
    if (round) {
      tiles.push({
        id: 'to-visit',
        label:
          round.day === today ? t('home.visits.plannedToday') : t('home.visits.nextDay', { day: round.day }),
        value: round.items.length,
        to: mayRecord ? '/field' : undefined,
      });
      tiles.push({
        id: 'key-due',
        label: t('home.visits.keyDue'),
        value: round.items.filter((i) => i.isKey).length,
        to: mayRecord ? '/field' : undefined,
      });
    }
    for (const line of quota) {
      tiles.push({
        id: `quota-${line.ruleId}`,
        label:
          line.kind === 'night_target'
            ? t('home.visits.nightQuota')
            : t(`home.visits.quota.${line.period.kind}`),
        value: `${line.done} / ${line.count}`,
        to: sectionPath('coverage'),
        alarm: !line.met,
      });
    }
  }
  return (
    <Flex vertical gap={12} data-testid="home-visits">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <SectionTitle testId="home-visits-title">{t('home.sections.visits')}</SectionTitle>
        {mayRecord && (
          <Button type="primary" href="/field" onClick={(event) => followLink(event, '/field')}>
            {t('home.visits.openField')}
          </Button>
        )}
      </Flex>
      {data.status === 'error' && <ApiErrorAlert error={data.error} onRetry={data.reload} />}
      {data.status === 'loading' && <Skeleton active />}
      {data.data && <CountTiles tiles={tiles} />}
    </Flex>
  );
}

/** The follow-ups a worker owes on the cases they took in (首问负责): replies to review and to rate. */
export function FollowUpsSection() {
  const { t } = useTranslation();
  const home = useHomeApi();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [toReview, toRate, open] = await Promise.all([
        home.cases({ view: 'mine', state: ['replied'] }, 1, signal),
        home.cases({ view: 'mine', state: ['follow_up'] }, 1, signal),
        home.cases({ view: 'mine' }, 1, signal),
      ]);
      return { toReview: toReview.total, toRate: toRate.total, open: open.total };
    },
    [home],
  );
  const data = useAsync(load);
  const tiles: Tile[] = data.data
    ? [
        {
          id: 'to-review',
          label: t('home.followUps.toReview'),
          value: data.data.toReview,
          to: caseListPath('mine', { state: ['replied'] }),
        },
        {
          id: 'to-rate',
          label: t('home.followUps.toRate'),
          value: data.data.toRate,
          to: caseListPath('mine', { state: ['follow_up'] }),
        },
        { id: 'mine-open', label: t('home.followUps.mine'), value: data.data.open, to: caseListPath('mine') },
      ]
    : [];
  return (
    <Flex vertical gap={12} data-testid="home-follow-ups">
      <SectionTitle testId="home-follow-ups-title">{t('home.sections.followUps')}</SectionTitle>
      {data.status === 'error' && <ApiErrorAlert error={data.error} onRetry={data.reload} />}
      {data.status === 'loading' && <Skeleton active />}
      {data.data && <CountTiles tiles={tiles} />}
      {data.data && data.data.toReview + data.data.toRate === 0 && (
        <Alert type="success" showIcon message={t('home.followUps.none')} />
      )}
    </Flex>
  );
}
