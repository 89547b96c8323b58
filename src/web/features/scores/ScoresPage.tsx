import {
  Button,
  Card,
  Flex,
  Segmented,
  Skeleton,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SCORE_PERIOD_KINDS, type ScoreRowView, type ScoreTable } from '../../../shared/domain/scores.ts';
import { LEAGUE_SUBJECTS, type LeagueSubjects } from '../../../shared/figures/league.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { PeriodActions } from './PeriodActions.tsx';
import { periodKindOf, pointsText, type ScorePeriodKind, searchOf } from './score-format.ts';
import { scoresApi } from './scores-api.ts';

function subjectsOf(value: string | null): LeagueSubjects {
  return LEAGUE_SUBJECTS.find((s) => s === value) ?? 'places';
}

/** One peer group's ranking: rank, name, score, red or black list, the link to the points. */
function GroupTable({ table, group }: { table: ScoreTable; group: ScoreTable['groups'][number] }) {
  const { t } = useTranslation();
  const pointsPath = (row: ScoreRowView) =>
    `/scores/points?${searchOf({
      regionId: table.region.id,
      period: table.period.kind,
      at: table.period.from,
      subject: row.key,
    })}`;
  const columns: TableColumnsType<ScoreRowView> = [
    { key: 'rank', title: t('scores.rank'), dataIndex: 'rank', width: 64 },
    { key: 'name', title: t('scores.name'), dataIndex: 'name', width: 180 },
    { key: 'score', title: t('scores.score'), width: 100, render: (_v, r) => pointsText(r.scoreCp) },
    { key: 'count', title: t('scores.pointCount'), dataIndex: 'points', width: 100 },
    {
      key: 'list',
      title: t('scores.list'),
      width: 90,
      render: (_v, r) =>
        r.list ? <Tag color={r.list === 'red' ? 'red' : 'default'}>{t(`scores.lists.${r.list}`)}</Tag> : null,
    },
    {
      key: 'points',
      title: '',
      width: 90,
      render: (_v, r) => (
        <a
          href={pointsPath(r)}
          onClick={(e) => followLink(e, pointsPath(r))}
          data-testid="scores-points-link"
        >
          {t('scores.pointsLink')}
        </a>
      ),
    },
  ];
  return (
    <Flex vertical gap={4}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {group.name ?? t('scores.otherGroup')}
      </Typography.Title>
      <Table<ScoreRowView>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={group.rows}
        pagination={false}
        scroll={{ x: 620 }}
        onRow={(r) => ({ 'data-testid': 'scores-row', 'data-name': r.name, 'data-rank': r.rank }) as never}
      />
    </Flex>
  );
}

/**
 * /scores: 考评. The live scores of a district's or street's communities, handling units or
 * sent-down cadres for a month, quarter or year, one ranking per peer group, with the rule
 * version that scores them. The period kind, day and tab live in the address.
 */
export function ScoresPage() {
  const { t } = useTranslation();
  const api = useApi();
  const scores = useMemo(() => scoresApi(api), [api]);
  const params = new URLSearchParams(useSearch());
  const period = periodKindOf(params.get('period'));
  const at = params.get('at') ?? '';
  const subjects = subjectsOf(params.get('subjects'));
  const regionId = params.get('regionId') ?? '';
  // The place's name travels with the history entry; the picker names a loaded place itself.
  const region: PickedRegion | null = regionId
    ? { id: regionId, name: historyState('regionName') ?? '' }
    : null;
  const setFilters = (next: {
    region?: PickedRegion | null;
    period?: ScorePeriodKind;
    at?: string;
    subjects?: LeagueSubjects;
  }) => {
    const place = next.region === undefined ? region : next.region;
    const query = searchOf({ regionId: place?.id, period, at, subjects, ...next, region: undefined });
    navigate(`/scores?${query}`, { replace: true, state: { regionName: place?.name ?? '' } });
  };
  const setRegion = (picked: PickedRegion | null) => setFilters({ region: picked });

  const load = useCallback(
    (signal: AbortSignal) =>
      regionId
        ? scores.table({ regionId, period, subjects, ...(at ? { at } : {}) }, signal)
        : Promise.resolve(null),
    [scores, regionId, period, subjects, at],
  );
  const table = useAsync(load);
  const data = table.status === 'success' ? table.data : null;

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('scores.title')} subtitle={t('scores.subtitle')} titleTestId="scores-title" />
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={12} wrap align="center">
            <RegionTreeSelect
              value={region}
              onChange={setRegion}
              placeholder={t('scores.region')}
              pickFirst
              maxWidth={300}
              testId="scores-region"
            />
            <Segmented<ScorePeriodKind>
              value={period}
              onChange={(p) => setFilters({ period: p, at: '' })}
              options={SCORE_PERIOD_KINDS.map((p) => ({ value: p, label: t(`scores.periods.${p}`) }))}
              data-testid="scores-period"
            />
            <DateField
              value={at}
              onChange={(day) => setFilters({ at: day })}
              placeholder={t('scores.day')}
              allowClear
              data-testid="scores-day"
            />
            {region && (
              <Button
                href={`/scores/rules?${searchOf({ regionId: region.id })}`}
                onClick={(e) => followLink(e, `/scores/rules?${searchOf({ regionId: region.id })}`)}
                data-testid="scores-rules-link"
              >
                {t('scores.rulesLink')}
              </Button>
            )}
            {data && (
              <PeriodActions
                table={data}
                onClose={() => scores.closePeriod({ regionId: data.region.id, period, at: data.period.from })}
                onReopen={scores.reopenPeriod}
                onDone={table.reload}
              />
            )}
          </Flex>
          <Tabs
            activeKey={subjects}
            onChange={(key) => setFilters({ subjects: subjectsOf(key) })}
            items={LEAGUE_SUBJECTS.map((s) => ({ key: s, label: t(`scores.subjects.${s}`) }))}
          />
          {table.status === 'error' && <ApiErrorAlert error={table.error} onRetry={table.reload} />}
          {table.status === 'loading' && <Skeleton active />}
          {data && (
            <Flex vertical gap={16} data-testid="scores-table">
              <Flex vertical gap={2}>
                <Typography.Text type={data.closed ? 'success' : 'warning'} data-testid="scores-state">
                  {t(data.closed ? 'scores.closed' : 'scores.provisional', data.period)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {data.ruleVersion
                    ? t('scores.ruleVersion', {
                        region: data.ruleVersion.regionName,
                        version: data.ruleVersion.version,
                        from: data.ruleVersion.effectiveFrom,
                      })
                    : t('scores.ruleDefaults')}
                </Typography.Text>
              </Flex>
              {data.groups.length === 0 && (
                <Typography.Text type="secondary">{t('scores.empty')}</Typography.Text>
              )}
              {data.groups.map((group) => (
                <GroupTable key={group.key} table={data} group={group} />
              ))}
            </Flex>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
