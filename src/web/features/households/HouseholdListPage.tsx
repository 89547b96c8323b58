import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdSummary } from '../../../shared/domain/household.ts';
import type { HouseholdList } from '../../api/client.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import {
  type CursorPaging,
  currentCursor,
  firstPage,
  hasNextPage,
  hasPreviousPage,
  nextPage,
  pageCount,
  pageLoaded,
  previousPage,
  rowRange,
} from './cursor-paging.ts';
import { HouseholdFormDrawer } from './HouseholdFormDrawer.tsx';
import { householdPath, regionIdFrom } from './households-path.ts';

export const PAGE_SIZE = 20;

/** /households[?regionId=…]: the households of one region, or of the user's whole scope. */
export function HouseholdListPage() {
  const regionId = regionIdFrom(useSearch());
  // A new region starts a new search and paging.
  return <RegionHouseholds key={regionId ?? ''} regionId={regionId} />;
}

function RegionHouseholds({ regionId }: { regionId: string | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  // Set by the link that led here (the Regions page), kept across a reload by the history entry.
  const regionName = historyState('regionName');
  const [query, setQuery] = useState('');
  const [paging, setPaging] = useState<CursorPaging>(firstPage);
  const [shown, setShown] = useState<HouseholdList | null>(null);
  const [creating, setCreating] = useState(false);

  const cursor = currentCursor(paging);
  const index = paging.index;
  const load = useCallback(
    async (signal: AbortSignal) => {
      const list = await api.listHouseholds({ regionId, q: query, after: cursor, limit: PAGE_SIZE }, signal);
      if (!signal.aborted) {
        setShown(list);
        setPaging((current) => (current.index === index ? pageLoaded(current, list.next) : current));
      }
      return list;
    },
    [api, regionId, query, cursor, index],
  );
  const result = useAsync(load);

  const columns: TableColumnsType<HouseholdSummary> = [
    {
      key: 'code',
      title: t('households.code'),
      dataIndex: 'code',
      width: 230,
      render: (_value, household) => (
        <a
          style={{ whiteSpace: 'nowrap' }}
          href={householdPath(household.id)}
          onClick={(event) => followLink(event, householdPath(household.id))}
          data-testid="household-link"
        >
          {household.code}
        </a>
      ),
    },
    { key: 'address', title: t('households.address'), dataIndex: 'address' },
    { key: 'grid', title: t('households.grid'), dataIndex: 'gridName', width: 180 },
    {
      key: 'tags',
      title: t('households.tags'),
      dataIndex: 'tags',
      width: 200,
      render: (_value, household) => (
        <Flex gap={4} wrap>
          {household.tags.map((tag) => (
            <Tag key={tag} style={{ marginInlineEnd: 0 }}>
              {tag}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'members',
      title: t('households.memberCount'),
      dataIndex: 'memberCount',
      width: 90,
      align: 'right',
    },
  ];

  const total = shown?.total ?? 0;
  const rows = shown?.items ?? [];
  const [from, to] = rowRange(paging, PAGE_SIZE, rows.length);
  const loading = result.status === 'loading';

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="households-title">
            {regionName ? t('households.titleOfRegion', { region: regionName }) : t('households.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {regionId ? t('households.subtitleRegion') : t('households.subtitleScope')}
          </Typography.Text>
        </div>
        {shown?.actions.includes('create') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="household-create"
          >
            {t('records.household.create')}
          </Button>
        )}
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          <Input.Search
            allowClear
            enterButton
            maxLength={100}
            placeholder={t('households.searchPlaceholder')}
            aria-label={t('households.search')}
            style={{ maxWidth: 420 }}
            onSearch={(value) => {
              setQuery(value.trim());
              setPaging(firstPage);
            }}
          />
          {result.status === 'error' && <ApiErrorAlert error={result.error} onRetry={result.reload} />}
          <Table<HouseholdSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={loading}
            pagination={false}
            scroll={{ x: 840 }}
            locale={{ emptyText: loading ? ' ' : t('households.empty') }}
          />
          <Flex justify="space-between" align="center" wrap gap={8} data-testid="households-paging">
            <Typography.Text type="secondary">{t('households.range', { from, to, total })}</Typography.Text>
            <Flex align="center" gap={8}>
              <Button
                icon={<LeftOutlined />}
                disabled={loading || !hasPreviousPage(paging)}
                onClick={() => setPaging(previousPage)}
              >
                {t('households.previous')}
              </Button>
              <Typography.Text>
                {t('households.page', { page: paging.index + 1, pages: pageCount(total, PAGE_SIZE) })}
              </Typography.Text>
              <Button
                disabled={loading || !hasNextPage(paging)}
                onClick={() => setPaging(nextPage)}
                data-testid="households-next"
              >
                {t('households.next')}
                <RightOutlined />
              </Button>
            </Flex>
          </Flex>
        </Flex>
      </Card>
      <HouseholdFormDrawer
        open={creating}
        household={null}
        onClose={() => setCreating(false)}
        onSaved={(created) => {
          setCreating(false);
          navigate(householdPath(created.id));
        }}
      />
    </Flex>
  );
}
