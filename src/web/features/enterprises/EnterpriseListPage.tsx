import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Flex,
  Input,
  Segmented,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseList, EnterpriseSummary } from '../../../shared/domain/enterprise.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
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
} from '../households/cursor-paging.ts';
import { EnterpriseFormDrawer } from './EnterpriseFormDrawer.tsx';
import { useEnterprisesApi } from './enterprises-api.ts';
import {
  type EnterpriseListFilters,
  enterpriseListPath,
  enterprisePath,
  listFiltersFrom,
} from './enterprises-path.ts';
import { useEnterpriseTags } from './use-enterprise-tags.ts';

export const PAGE_SIZE = 20;

/** /enterprises[?regionId=…&tag=…&liaison=me]: the enterprises in scope, filtered and paged. */
export function EnterpriseListPage() {
  const filters = listFiltersFrom(useSearch());
  // Another region starts a new search; another tag or "mine" keeps the search text.
  return <FilteredEnterprises key={filters.regionId ?? ''} filters={filters} />;
}

function FilteredEnterprises({ filters }: { filters: EnterpriseListFilters }) {
  const { t } = useTranslation();
  const api = useEnterprisesApi();
  const me = useMe();
  const tags = useEnterpriseTags();
  const isLiaison = me.roles.some((r) => r.role === 'liaison');
  // Set by the link that led here (the Regions page or a breadcrumb), kept across a reload.
  const regionName = historyState('regionName');
  const [query, setQuery] = useState('');
  const [paging, setPaging] = useState<CursorPaging>(firstPage);
  const [shown, setShown] = useState<EnterpriseList | null>(null);
  const [creating, setCreating] = useState(false);

  const { regionId, tag, mine } = filters;
  // A changed filter (a click here, or back and forward) starts again from the first page.
  const filterKey = `${tag ?? ''}|${mine}`;
  const [pagedFilter, setPagedFilter] = useState(filterKey);
  if (pagedFilter !== filterKey) {
    setPagedFilter(filterKey);
    setPaging(firstPage);
  }
  const cursor = currentCursor(paging);
  const index = paging.index;
  const load = useCallback(
    async (signal: AbortSignal) => {
      const list = await api.list(
        {
          regionId,
          q: query,
          tag,
          liaison: mine ? 'me' : undefined,
          after: cursor,
          limit: PAGE_SIZE,
        },
        signal,
      );
      if (!signal.aborted) {
        setShown(list);
        setPaging((current) => (current.index === index ? pageLoaded(current, list.next) : current));
      }
      return list;
    },
    [api, regionId, query, tag, mine, cursor, index],
  );
  const result = useAsync(load);

  const refilter = (change: Partial<EnterpriseListFilters>) =>
    navigate(enterpriseListPath({ ...filters, ...change }), {
      replace: true,
      ...(regionName ? { state: { regionName } } : {}),
    });

  const columns: TableColumnsType<EnterpriseSummary> = [
    {
      key: 'name',
      title: t('enterprises.name'),
      dataIndex: 'name',
      render: (_value, enterprise) => (
        <a
          href={enterprisePath(enterprise.id)}
          onClick={(event) => followLink(event, enterprisePath(enterprise.id))}
          data-testid="enterprise-link"
        >
          {enterprise.name}
        </a>
      ),
    },
    {
      key: 'creditCode',
      title: t('enterprises.creditCode'),
      dataIndex: 'creditCode',
      width: 200,
      render: (value: string) => (
        <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{value}</span>
      ),
    },
    { key: 'grid', title: t('enterprises.grid'), dataIndex: 'gridName', width: 160 },
    {
      key: 'tags',
      title: t('enterprises.tags'),
      dataIndex: 'tags',
      width: 200,
      render: (_value, enterprise) => (
        <Flex gap={4} wrap>
          {enterprise.tags.map((code) => (
            <Tag key={code} style={{ marginInlineEnd: 0 }}>
              {tags.label(code)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'liaison',
      title: t('enterprises.liaison'),
      dataIndex: 'liaisonName',
      width: 160,
      render: (value: string | null) =>
        value ?? <Typography.Text type="secondary">{t('enterprises.none')}</Typography.Text>,
    },
  ];

  const total = shown?.total ?? 0;
  const rows = shown?.items ?? [];
  const [from, to] = rowRange(paging, PAGE_SIZE, rows.length);
  const loading = result.status === 'loading';
  const mayCreate = shown?.actions.includes('create') ?? false;

  const title = mine
    ? t('enterprises.titleMine')
    : regionName && regionId
      ? t('enterprises.titleOfRegion', { region: regionName })
      : t('enterprises.title');
  const subtitle = mine
    ? t('enterprises.subtitleMine')
    : regionId
      ? t('enterprises.subtitleRegion')
      : t('enterprises.subtitleScope');

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="enterprises-title">
            {title}
          </Typography.Title>
          <Typography.Text type="secondary">{subtitle}</Typography.Text>
        </div>
        {mayCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="enterprise-create"
          >
            {t('enterprises.create')}
          </Button>
        )}
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          <Flex wrap gap={12} align="center">
            {isLiaison && (
              <Segmented<'all' | 'mine'>
                value={mine ? 'mine' : 'all'}
                options={[
                  { value: 'all', label: t('enterprises.scopeAll') },
                  { value: 'mine', label: t('enterprises.scopeMine') },
                ]}
                onChange={(value) => refilter({ mine: value === 'mine' })}
                data-testid="enterprises-mine"
              />
            )}
            <Input.Search
              allowClear
              enterButton
              maxLength={100}
              placeholder={t('enterprises.searchPlaceholder')}
              aria-label={t('enterprises.search')}
              style={{ maxWidth: 360, flex: '1 1 240px' }}
              onSearch={(value) => {
                setQuery(value.trim());
                setPaging(firstPage);
              }}
            />
            <Select<string>
              allowClear
              value={tag}
              placeholder={t('enterprises.allTags')}
              aria-label={t('enterprises.tagFilter')}
              style={{ minWidth: 180, flex: '0 1 220px' }}
              options={tags.definitions.map((d) => ({ value: d.code, label: tags.label(d.code) }))}
              onChange={(value) => refilter({ tag: value })}
              data-testid="enterprises-tag-filter"
            />
          </Flex>
          {result.status === 'error' && <ApiErrorAlert error={result.error} onRetry={result.reload} />}
          <Table<EnterpriseSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={loading}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: loading ? ' ' : t('enterprises.empty') }}
          />
          <Flex justify="space-between" align="center" wrap gap={8} data-testid="enterprises-paging">
            <Typography.Text type="secondary">{t('enterprises.range', { from, to, total })}</Typography.Text>
            <Flex align="center" gap={8}>
              <Button
                icon={<LeftOutlined />}
                disabled={loading || !hasPreviousPage(paging)}
                onClick={() => setPaging(previousPage)}
              >
                {t('enterprises.previous')}
              </Button>
              <Typography.Text>
                {t('enterprises.page', { page: paging.index + 1, pages: pageCount(total, PAGE_SIZE) })}
              </Typography.Text>
              <Button
                disabled={loading || !hasNextPage(paging)}
                onClick={() => setPaging(nextPage)}
                data-testid="enterprises-next"
              >
                {t('enterprises.next')}
                <RightOutlined />
              </Button>
            </Flex>
          </Flex>
        </Flex>
      </Card>
      {creating && (
        <EnterpriseFormDrawer
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            navigate(enterprisePath(saved.id));
          }}
        />
      )}
    </Flex>
  );
}
