import { DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Popconfirm,
  Segmented,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeagueRow, LeagueTable, PublishedLeagueSummary } from '../../../shared/domain/league.ts';
import { LEAGUE_SUBJECTS, type LeagueSubjects } from '../../../shared/figures/league.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { useMe } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { saveFile } from '../transfer/save-file.ts';
import { formatInstant } from '../visits/format.ts';
import { leagueApi } from './league-api.ts';
import { percentText, rankChangeText, rateText } from './league-format.ts';

type PeriodKind = 'month' | 'quarter';

/** A column title with how the figure is counted beside it. */
function Titled({ name, how }: { name: string; how: string }) {
  return (
    <Flex gap={4} align="center">
      {name}
      <Tooltip title={how}>
        <QuestionCircleOutlined aria-label={how} />
      </Tooltip>
    </Flex>
  );
}

function LeagueTableView({ table, testId }: { table: LeagueTable; testId: string }) {
  const { t } = useTranslation();
  const dash = t('league.notApplicable');
  const show = (text: string | number | null | undefined): ReactNode => text ?? dash;
  const fig = (id: string) => (
    <Titled name={t(`figures.defs.${id}.name`)} how={t(`figures.defs.${id}.how`)} />
  );
  const own = (id: string) => (
    <Titled name={t(`league.columns.${id}.name`)} how={t(`league.columns.${id}.how`)} />
  );
  const columns: TableColumnsType<LeagueRow> = [
    { key: 'rank', title: t('league.rank'), dataIndex: 'rank', width: 64, fixed: 'left' },
    { key: 'name', title: t('league.name'), dataIndex: 'name', width: 150, fixed: 'left' },
    {
      key: 'change',
      title: t('league.rankChange'),
      width: 90,
      render: (_v, r) => {
        const text = rankChangeText(r.rankChange);
        if (text === null) return <Tag>{t('league.newEntry')}</Tag>;
        const color = r.rankChange && r.rankChange > 0 ? 'green' : r.rankChange ? 'red' : undefined;
        return (
          <Typography.Text data-testid="league-change" style={color ? { color } : undefined}>
            {text}
          </Typography.Text>
        );
      },
    },
    { key: 'score', title: own('composite'), width: 120, render: (_v, r) => show(percentText(r.score)) },
    {
      key: 'coverage',
      title: fig('householdCoveragePercent'),
      width: 130,
      render: (_v, r) => show(r.figures.coveragePercent === null ? null : `${r.figures.coveragePercent}%`),
    },
    { key: 'visits', title: fig('visits'), width: 100, render: (_v, r) => show(r.figures.visits) },
    {
      key: 'perWorker',
      title: own('visitsPerWorker'),
      width: 120,
      render: (_v, r) =>
        show(
          r.figures.visitsPerWorker === null
            ? null
            : (Math.round(r.figures.visitsPerWorker * 10) / 10).toString(),
        ),
    },
    {
      key: 'problems',
      title: fig('problemsFound'),
      width: 110,
      render: (_v, r) => show(r.figures.problemsFound),
    },
    {
      key: 'onSpot',
      title: own('onSpotShare'),
      width: 130,
      render: (_v, r) => show(rateText(r.figures.onSpotShare)),
    },
    {
      key: 'closure',
      title: fig('closureRate'),
      width: 110,
      render: (_v, r) => show(rateText(r.figures.closureRate)),
    },
    {
      key: 'onTime',
      title: fig('onTimeRate'),
      width: 120,
      render: (_v, r) => show(rateText(r.figures.onTimeRate)),
    },
    {
      key: 'satisfaction',
      title: fig('satisfactionRate'),
      width: 110,
      render: (_v, r) => show(rateText(r.figures.satisfactionRate)),
    },
    { key: 'reopened', title: fig('reopened'), width: 90, render: (_v, r) => show(r.figures.reopened) },
    { key: 'overdue', title: fig('overdue'), width: 90, render: (_v, r) => show(r.figures.overdue) },
  ];
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">
        {t('league.periodRange', table.period)} · {t('league.previous', table.previousPeriod)}
      </Typography.Text>
      <div data-testid={testId}>
        <Table<LeagueRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={table.rows}
          pagination={false}
          scroll={{ x: 1500 }}
          locale={{ emptyText: t('league.empty') }}
          onRow={(r) => ({ 'data-testid': 'league-row', 'data-rank': r.rank, 'data-name': r.name }) as never}
        />
      </div>
    </Flex>
  );
}

/**
 * /league: 数据晾晒. The live table of a place's communities (or its handling units, or the cadres
 * sent down) for a month or quarter, ranked, with the change in rank; a leader publishes (freezes)
 * it; below, the published tables the user sees, to open and download.
 */
export function LeaguePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const me = useMe();
  const league = useMemo(() => leagueApi(api), [api]);
  const readsLive = me.permissions.includes('cases:read') && me.permissions.includes('visits:read');
  const canPublish = me.permissions.includes('figures:publish');
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [period, setPeriod] = useState<PeriodKind>('month');
  const [day, setDay] = useState<Dayjs | null>(null);
  const [subjects, setSubjects] = useState<LeagueSubjects>('places');
  const [openId, setOpenId] = useState<string | null>(null);
  const at = day ? day.format('YYYY-MM-DD') : undefined;

  const loadLive = useCallback(
    (signal: AbortSignal) =>
      region && readsLive
        ? league.live({ regionId: region.id, period, subjects, ...(at ? { at } : {}) }, signal)
        : Promise.resolve(null),
    [league, region, readsLive, period, subjects, at],
  );
  const live = useAsync(loadLive);
  const loadPublished = useCallback((signal: AbortSignal) => league.published(signal), [league]);
  const published = useAsync(loadPublished);
  const loadOpen = useCallback(
    (signal: AbortSignal) => (openId ? league.read(openId, signal) : Promise.resolve(null)),
    [league, openId],
  );
  const opened = useAsync(loadOpen);

  // A table is frozen once per period: only an ended period's is published (the server says so too).
  const ended = live.status === 'success' && live.data !== null && live.data.period.to < cstDay(new Date());
  const publish = async () => {
    if (!region) return;
    try {
      await league.publish({ regionId: region.id, period, subjects, ...(at ? { at } : {}) });
      message.success(t('league.publishDone'));
      published.reload();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    }
  };
  const download = async (id: string) => {
    try {
      const file = await league.download(id);
      saveFile(file.blob, file.fileName ?? 'league.xlsx');
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    }
  };

  const publishedColumns: TableColumnsType<PublishedLeagueSummary> = [
    { key: 'region', title: t('league.region'), width: 140, render: (_v, p) => p.region.name },
    {
      key: 'subjects',
      title: t('league.kind'),
      width: 110,
      render: (_v, p) => t(`league.subjects.${p.subjects}`),
    },
    {
      key: 'period',
      title: t('league.period'),
      width: 200,
      render: (_v, p) =>
        `${t(`league.periods.${p.period.kind as PeriodKind}`)} ${t('league.periodRange', p.period)}`,
    },
    {
      key: 'by',
      title: t('league.publishedColumn'),
      render: (_v, p) =>
        t('league.publishedBy', { name: p.publishedBy, at: formatInstant(p.publishedAt, i18n.language) }),
    },
    {
      key: 'actions',
      title: '',
      width: 190,
      render: (_v, p) => (
        <Flex gap={8}>
          <Button size="small" onClick={() => setOpenId(p.id)} data-testid="league-open">
            {t('league.open')}
          </Button>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() => download(p.id)}
            data-testid="league-download"
          >
            {t('league.download')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('league.title')} subtitle={t('league.subtitle')} titleTestId="league-title" />
      {readsLive && (
        <Card>
          <Flex vertical gap={16}>
            <Flex gap={12} wrap align="center">
              <RegionTreeSelect
                value={region}
                onChange={setRegion}
                placeholder={t('league.region')}
                pickFirst
                maxWidth={300}
                testId="league-region"
              />
              <Segmented<PeriodKind>
                value={period}
                onChange={(p) => {
                  setPeriod(p);
                  setDay(null);
                }}
                options={(['month', 'quarter'] as const).map((p) => ({
                  value: p,
                  label: t(`league.periods.${p}`),
                }))}
                data-testid="league-period"
              />
              <DatePicker picker={period} value={day} onChange={setDay} allowClear data-testid="league-day" />
              <Segmented<LeagueSubjects>
                value={subjects}
                onChange={setSubjects}
                options={LEAGUE_SUBJECTS.map((s) => ({ value: s, label: t(`league.subjects.${s}`) }))}
                data-testid="league-subjects"
              />
              {canPublish && (
                <Popconfirm
                  title={t('league.publishConfirm')}
                  onConfirm={publish}
                  okButtonProps={{ 'data-testid': 'league-publish-ok' } as never}
                >
                  <Tooltip title={ended ? undefined : t('league.publishAfterEnd')}>
                    <Button type="primary" disabled={!region || !ended} data-testid="league-publish">
                      {t('league.publish')}
                    </Button>
                  </Tooltip>
                </Popconfirm>
              )}
            </Flex>
            {live.status === 'error' && <ApiErrorAlert error={live.error} onRetry={live.reload} />}
            {live.status === 'loading' && <Skeleton active />}
            {live.status === 'success' && live.data && (
              <LeagueTableView table={live.data} testId="league-live" />
            )}
          </Flex>
        </Card>
      )}
      {openId && (
        <Card
          title={t('league.frozen')}
          extra={
            <Button size="small" onClick={() => setOpenId(null)}>
              {t('league.backToLive')}
            </Button>
          }
        >
          {opened.status === 'error' && <ApiErrorAlert error={opened.error} onRetry={opened.reload} />}
          {opened.status === 'success' && opened.data && (
            <LeagueTableView table={opened.data.table} testId="league-published-table" />
          )}
        </Card>
      )}
      <Card title={t('league.publishedList')}>
        {published.status === 'error' && <ApiErrorAlert error={published.error} onRetry={published.reload} />}
        <div data-testid="league-published">
          <Table<PublishedLeagueSummary>
            rowKey="id"
            size="small"
            loading={published.status === 'loading'}
            columns={publishedColumns}
            dataSource={published.status === 'success' ? published.data.items : []}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: t('league.noPublished') }}
          />
        </div>
      </Card>
    </Flex>
  );
}
