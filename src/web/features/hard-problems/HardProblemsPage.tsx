import {
  Button,
  Card,
  Flex,
  InputNumber,
  Skeleton,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HardProblemSummary, Proposal, TopicRanking } from '../../../shared/domain/hard-problem.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { hardProblemsApi } from './hard-problems-api.ts';
import { type ItemDraft, ItemFormModal } from './ItemFormModal.tsx';

const STATE_COLOURS: Record<HardProblemSummary['state'], string> = {
  open: 'gold',
  in_progress: 'blue',
  done: 'green',
  closed: 'default',
};
const TABS = ['items', 'proposals', 'topic'] as const;
type TabKey = (typeof TABS)[number];

const itemPath = (id: string) => `/hard-problems/${id}`;

function ItemsTable({ items }: { items: HardProblemSummary[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<HardProblemSummary> = [
    {
      key: 'title',
      title: t('hardProblems.columns.title'),
      render: (_v, r) => (
        <Flex gap={6} align="center">
          {r.kind === 'monthly_topic' && (
            <Tag color="purple">{t('hardProblems.item.month', { month: r.topicMonth })}</Tag>
          )}
          <a href={itemPath(r.id)} onClick={(e) => followLink(e, itemPath(r.id))}>
            {r.title}
          </a>
        </Flex>
      ),
    },
    { key: 'place', title: t('hardProblems.columns.place'), dataIndex: 'regionName', width: 140 },
    {
      key: 'owner',
      title: t('hardProblems.columns.owner'),
      render: (_v, r) => `${r.owner.name}（${r.owner.person}）`,
    },
    { key: 'target', title: t('hardProblems.columns.target'), dataIndex: 'targetDate', width: 110 },
    {
      key: 'milestones',
      title: t('hardProblems.columns.milestones'),
      width: 150,
      render: (_v, r) =>
        t('hardProblems.milestonesText', {
          done: r.milestonesDone,
          total: r.milestones,
          missed: r.milestonesMissed,
        }),
    },
    { key: 'cases', title: t('hardProblems.columns.cases'), dataIndex: 'cases', width: 90 },
    {
      key: 'state',
      title: t('hardProblems.columns.state'),
      width: 90,
      render: (_v, r) => <Tag color={STATE_COLOURS[r.state]}>{t(`hardProblems.states.${r.state}`)}</Tag>,
    },
  ];
  return (
    <Table<HardProblemSummary>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('hardProblems.empty') }}
      data-testid="hard-problems-list"
    />
  );
}

function ProposalCard({ proposal, onAdd }: { proposal: Proposal; onAdd?: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="hard-problem-proposal">
      <Flex vertical gap={6}>
        <Flex gap={8} align="center" wrap>
          <Tag color={proposal.kind === 'recurring' ? 'red' : 'orange'}>
            {t(`hardProblems.proposals.kinds.${proposal.kind}`)}
          </Tag>
          <Typography.Text strong>{proposal.title}</Typography.Text>
          <Typography.Text type="secondary">
            {[proposal.placeName, proposal.estate, proposal.categoryName].filter(Boolean).join(' · ')}
          </Typography.Text>
          {onAdd && (
            <Button size="small" type="primary" onClick={onAdd}>
              {t('hardProblems.add')}
            </Button>
          )}
        </Flex>
        <Typography.Text type="secondary">
          {t('hardProblems.proposals.why', {
            cases: proposal.why.cases,
            span: proposal.why.spanDays,
            open: proposal.why.open,
            similarity: proposal.why.similarity.toFixed(2),
          })}
        </Typography.Text>
        <Flex gap={8} wrap>
          {proposal.cases.map((c) => (
            <a key={c.id} href={`/cases/${c.id}`} onClick={(e) => followLink(e, `/cases/${c.id}`)}>
              {c.number} {c.createdDay}
            </a>
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}

function RankingTable({
  ranking,
  onPick,
}: {
  ranking: TopicRanking;
  onPick?: ((categoryId: string, name: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<TopicRanking['ranking'][number]> = [
    { key: 'rank', title: t('hardProblems.topic.rank'), dataIndex: 'rank', width: 64 },
    { key: 'category', title: t('hardProblems.topic.category'), dataIndex: 'categoryName' },
    { key: 'clusters', title: t('hardProblems.topic.clusters'), dataIndex: 'clusters', width: 110 },
    { key: 'cases', title: t('hardProblems.topic.cases'), dataIndex: 'cases', width: 90 },
    { key: 'places', title: t('hardProblems.topic.places'), dataIndex: 'places', width: 90 },
    ...(onPick
      ? [
          {
            key: 'pick',
            title: '',
            width: 150,
            render: (_v: unknown, r: TopicRanking['ranking'][number]) => (
              <Button size="small" onClick={() => onPick(r.categoryId, r.categoryName)}>
                {t('hardProblems.topic.pick')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table
      rowKey="categoryId"
      size="small"
      columns={columns}
      dataSource={ranking.ranking}
      pagination={false}
      locale={{ emptyText: t('hardProblems.topic.empty') }}
      data-testid="hard-problems-ranking"
    />
  );
}

/**
 * /hard-problems?regionId&tab: the place's hard-problem list (its own, those below and above it),
 * the detector's proposals to put on it, and the 每月一题 ranking with the topics picked. Leaders
 * (figures:publish) add items and pick the topic; the server decides where they may.
 */
export function HardProblemsPage() {
  const { t } = useTranslation();
  const client = useApi();
  const api = useMemo(() => hardProblemsApi(client), [client]);
  const me = useMe();
  const leader = me.permissions.includes('figures:publish');
  const params = new URLSearchParams(useSearch());
  const regionId = params.get('regionId') ?? '';
  const tab: TabKey = TABS.find((k) => k === params.get('tab')) ?? 'items';
  const region: PickedRegion | null = regionId
    ? { id: regionId, name: historyState('regionName') ?? '' }
    : null;
  const go = (next: { region?: PickedRegion | null; tab?: TabKey }) => {
    const place = next.region === undefined ? region : next.region;
    const search = new URLSearchParams({ ...(place ? { regionId: place.id } : {}), tab: next.tab ?? tab });
    navigate(`/hard-problems?${search}`, { replace: true, state: { regionName: place?.name ?? '' } });
  };
  const [months, setMonths] = useState(3);
  const [draft, setDraft] = useState<ItemDraft | null>(null);

  const load = useCallback(
    async (signal: AbortSignal) => {
      if (!regionId) return null;
      if (tab === 'items') return { tab, items: await api.list(regionId, signal) } as const;
      if (tab === 'proposals') return { tab, proposals: await api.proposals(regionId, signal) } as const;
      const [ranking, items] = await Promise.all([
        api.ranking(regionId, months, signal),
        api.list(regionId, signal),
      ]);
      return { tab, ranking, topics: items.filter((i) => i.kind === 'monthly_topic') } as const;
    },
    [api, regionId, tab, months],
  );
  const state = useAsync(load);
  const data = state.status === 'success' ? state.data : null;
  const month = cstDay(new Date()).slice(0, 7);

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('hardProblems.title')}
        subtitle={t('hardProblems.subtitle')}
        titleTestId="hard-problems-title"
        extra={
          leader && region ? (
            <Button type="primary" onClick={() => setDraft({ regionId: region.id, title: '' })}>
              {t('hardProblems.add')}
            </Button>
          ) : undefined
        }
      />
      <Card>
        <Flex vertical gap={16}>
          <RegionTreeSelect
            value={region}
            onChange={(picked) => go({ region: picked })}
            placeholder={t('hardProblems.region')}
            pickFirst
            maxWidth={300}
            testId="hard-problems-region"
          />
          <Tabs
            activeKey={tab}
            onChange={(key) => go({ tab: TABS.find((k) => k === key) ?? 'items' })}
            items={TABS.map((k) => ({ key: k, label: t(`hardProblems.tabs.${k}`) }))}
          />
          {state.status === 'error' && <ApiErrorAlert error={state.error} onRetry={state.reload} />}
          {state.status === 'loading' && <Skeleton active />}
          {data?.tab === 'items' && <ItemsTable items={data.items} />}
          {data?.tab === 'proposals' && (
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">
                {t('hardProblems.proposals.lead')}{' '}
                {t('hardProblems.proposals.casesRead', { count: data.proposals.casesRead })}
              </Typography.Text>
              {data.proposals.proposals.length === 0 && (
                <Typography.Text type="secondary">{t('hardProblems.proposals.empty')}</Typography.Text>
              )}
              {data.proposals.proposals.map((p) => (
                <ProposalCard
                  key={p.key}
                  proposal={p}
                  onAdd={
                    leader && region
                      ? () =>
                          setDraft({
                            regionId: region.id,
                            title: p.title,
                            categoryId: p.categoryId,
                            caseIds: p.cases.map((c) => c.id),
                            proposalKey: p.key,
                          })
                      : undefined
                  }
                />
              ))}
            </Flex>
          )}
          {data?.tab === 'topic' && (
            <Flex vertical gap={12}>
              <Typography.Text type="secondary">{t('hardProblems.topic.lead')}</Typography.Text>
              <Flex gap={8} align="center">
                <Typography.Text>{t('hardProblems.topic.months')}</Typography.Text>
                <InputNumber min={1} max={12} value={months} onChange={(v) => setMonths(v ?? 3)} />
              </Flex>
              <RankingTable
                ranking={data.ranking}
                onPick={
                  leader && region
                    ? (categoryId, name) =>
                        setDraft({
                          regionId: region.id,
                          title: `${month} ${name}`,
                          topic: { month, categoryId },
                        })
                    : undefined
                }
              />
              <Typography.Title level={5}>{t('hardProblems.topic.current')}</Typography.Title>
              <ItemsTable items={data.topics} />
            </Flex>
          )}
        </Flex>
      </Card>
      {draft && (
        <ItemFormModal
          draft={draft}
          onClose={() => setDraft(null)}
          onSaved={(item) => {
            setDraft(null);
            navigate(itemPath(item.id));
          }}
        />
      )}
    </Flex>
  );
}
