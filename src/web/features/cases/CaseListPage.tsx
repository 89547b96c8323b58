import { Card, Flex, Grid, Segmented, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseList, type CaseListItem, LIST_TYPES } from '../../../shared/domain/case.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { filterParams } from '../../app/url-filters.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { CreateButton } from '../../components/CreateButton.tsx';
import { NumberedPaging } from '../../components/NumberedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LIST_PAGE_SIZE } from '../../components/use-cursor-list.ts';
import { useNumberedList } from '../../components/use-numbered-list.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { TargetFilterTag } from '../households/TargetFilterTag.tsx';
import { ListExportButton } from '../transfer/ListExportButton.tsx';
import { BulkBar } from './BulkBar.tsx';
import { CaseFlags, CaseStateTag, UrgencyTag } from './CaseBadges.tsx';
import { CaseFilterBar } from './CaseFilterBar.tsx';
import { formatTime } from './case-clock.ts';
import { type CaseFilters, casesApi, categoryText } from './cases-api.ts';
import {
  type CaseView,
  caseListPath,
  casePath,
  filtersFrom,
  NEW_CASE_PATH,
  pageFrom,
  viewFrom,
  viewsFor,
} from './cases-path.ts';
import { SavedViews } from './SavedViews.tsx';

/**
 * /cases[?view=…&page=…]: the dispatcher's queue, a unit's inbox (by deadline), the cases whose
 * feedback the caller owns, and the supervision list — the tabs the caller's permissions open. The
 * filters and the page number live in the address (`/cases?view=queue&listType=need&page=3`), so
 * each list type is a view of its own and a figure can link to the cases it counts.
 */
export function CaseListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const views = viewsFor(me.permissions);
  const search = useSearch();
  const asked = viewFrom(search);
  const filters = useMemo(() => filtersFrom(search), [search]);
  const page = pageFrom(search);
  // A record's "see all cases" asks for every case of one household or enterprise in the reader's
  // scope (the queue's rows unfiltered by duty, as its page counted them), whatever tabs they have.
  const oneRecord = asked === 'queue' && (filters.householdId || filters.enterpriseId);
  const view = asked && (views.includes(asked) || oneRecord) ? asked : views[0];
  if (!view) return <Typography.Text type="secondary">{t('cases.empty')}</Typography.Text>;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('cases.title')}
        subtitle={t('cases.subtitle')}
        titleTestId="cases-title"
        extra={
          <Flex gap={8} wrap align="center">
            <ListExportButton
              path={`/api/v1/cases/export?${filterParams({ ...filters, view })}`}
              fallbackName="cases.xlsx"
              testId="cases-export"
            />
            {me.permissions.includes('cases:create') && (
              <CreateButton onClick={() => navigate(NEW_CASE_PATH)} testId="case-create">
                {t('cases.create')}
              </CreateButton>
            )}
          </Flex>
        }
      />
      {views.length > 1 && (
        <Tabs
          activeKey={view}
          onChange={(key) => navigate(caseListPath(key as CaseView))}
          items={views.map((v) => ({
            key: v,
            label: <span data-testid={`case-view-${v}`}>{t(`cases.views.${v}`)}</span>,
          }))}
          style={{ marginBottom: -16 }}
        />
      )}
      {/* Each view keeps its own paging and selection; switching views starts unfiltered. */}
      <CaseQueue
        key={view}
        view={view}
        filters={filters}
        page={page}
        mayBulk={view === 'queue' && me.permissions.includes('cases:dispatch')}
      />
    </Flex>
  );
}

/** The least room the title column gets on a desktop (px). */
const TITLE_MIN_WIDTH = 180;
/** antd's row-selection checkbox column (px). */
const SELECTION_WIDTH = 32;

const ALL_LISTS = 'all';

function CaseQueue({
  view,
  filters,
  page,
  mayBulk,
}: {
  view: CaseView;
  filters: CaseFilters;
  page: number;
  mayBulk: boolean;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const narrow = Grid.useBreakpoint().md === false;
  const [regionName, setRegionName] = useState<string | undefined>();
  const [selected, setSelected] = useState<CaseListItem[]>([]);
  const filterKey = JSON.stringify(filters);
  // The record a household's or enterprise's "all cases" link narrowed the list to, by name.
  const targetName = historyState('targetName');
  const keepName = (next: CaseFilters) =>
    targetName && (next.householdId || next.enterpriseId) ? { state: { targetName } } : {};
  // Any filter starts again from page 1.
  const setFilters = (next: CaseFilters) => navigate(caseListPath(view, next), keepName(next));
  const fetchPage = useCallback(
    (signal: AbortSignal): Promise<CaseList> =>
      casesApi(api).list({ ...filters, view }, { page, limit: LIST_PAGE_SIZE }, signal),
    [api, filters, view, page],
  );
  const list = useNumberedList(fetchPage);
  const { shown, result } = list;
  const rows = shown?.items ?? [];
  const loading = result.status === 'loading';
  const time = (iso: string) => formatTime(iso, i18n.language);

  const link = (item: CaseListItem, text: string) => (
    <a
      href={casePath(item.id)}
      onClick={(event) => followLink(event, casePath(item.id))}
      data-testid="case-link"
      data-case-id={item.id}
      style={{ overflowWrap: 'anywhere' }}
    >
      {text}
    </a>
  );

  const columns: TableColumnsType<CaseListItem> = narrow
    ? [
        {
          key: 'case',
          title: t('cases.caseTitle'),
          render: (_v, item) => (
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Flex gap={4} wrap align="center">
                <Typography.Text code>{item.number}</Typography.Text>
                <CaseStateTag state={item.state} />
                <UrgencyTag urgency={item.urgency} />
              </Flex>
              {link(item, item.title)}
              <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                {item.regionName} · {item.unit?.name ?? t('cases.noUnit')}
              </Typography.Text>
              <CaseFlags item={item} />
            </Flex>
          ),
        },
      ]
    : [
        {
          key: 'number',
          title: t('cases.number'),
          width: 170,
          render: (_v, item) => (
            <Flex vertical gap={2}>
              {link(item, item.number)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {time(item.createdAt)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          key: 'title',
          title: t('cases.caseTitle'),
          dataIndex: 'title',
          ellipsis: true,
          render: (title: string) => <span data-testid="case-title-cell">{title}</span>,
        },
        {
          key: 'state',
          title: t('cases.state'),
          width: 110,
          render: (_v, item) => (
            <Flex gap={4} wrap>
              <CaseStateTag state={item.state} />
              <UrgencyTag urgency={item.urgency} />
            </Flex>
          ),
        },
        {
          key: 'category',
          title: t('cases.category'),
          width: 110,
          ellipsis: true,
          render: (_v, item) => categoryText(item, i18n.language) ?? t('cases.none'),
        },
        { key: 'region', title: t('cases.region'), dataIndex: 'regionName', width: 110, ellipsis: true },
        {
          key: 'unit',
          title: t('cases.unit'),
          width: 120,
          ellipsis: true,
          render: (_v, item) => item.unit?.name ?? t('cases.noUnit'),
        },
        {
          key: 'flags',
          title: t('cases.nextDue'),
          width: 170,
          render: (_v, item) => <CaseFlags item={item} />,
        },
      ];
  // The title takes what the fixed columns leave, and never less than its own minimum: the table
  // scrolls sideways rather than squeeze the title to nothing.
  const scrollX =
    columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0) +
    TITLE_MIN_WIDTH +
    (mayBulk ? SELECTION_WIDTH : 0);

  return (
    <Card>
      <Flex vertical gap={16}>
        <Segmented
          value={filters.listType ?? ALL_LISTS}
          onChange={(list) => {
            setSelected([]);
            setFilters({
              ...filters,
              listType: list === ALL_LISTS ? undefined : (list as CaseFilters['listType']),
            });
          }}
          options={[
            { value: ALL_LISTS, label: <span data-testid="case-list-all">{t('cases.filters.any')}</span> },
            ...LIST_TYPES.map((list) => ({
              value: list,
              label: <span data-testid={`case-list-${list}`}>{t(`cases.listTypes.${list}`)}</span>,
            })),
          ]}
          style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
          data-testid="case-list-types"
        />
        <TargetFilterTag
          householdId={filters.householdId}
          enterpriseId={filters.enterpriseId}
          name={targetName}
          onClose={() => setFilters({ ...filters, householdId: undefined, enterpriseId: undefined })}
          testId="cases-target-filter"
        />
        <SavedViews
          current={filters}
          onPick={(picked) => {
            setRegionName(undefined);
            setFilters(picked);
          }}
        />
        {/* Rebuilt from the address whenever the filters change (applied, picked, back and forward). */}
        <CaseFilterBar
          key={filterKey}
          value={filters}
          regionName={regionName}
          onApply={(next, name) => {
            setFilters(next);
            setRegionName(name);
            setSelected([]);
          }}
        />
        {mayBulk && (
          <BulkBar
            selected={selected}
            onFinished={() => {
              setSelected([]);
              result.reload();
            }}
          />
        )}
        {result.status === 'error' && <ApiErrorAlert error={result.error} onRetry={result.reload} />}
        <Table<CaseListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          scroll={narrow ? undefined : { x: scrollX }}
          locale={{ emptyText: loading ? ' ' : t('cases.empty') }}
          data-testid="case-table"
          rowSelection={
            mayBulk
              ? {
                  selectedRowKeys: selected.map((c) => c.id),
                  onChange: (_keys, picked) => setSelected(picked),
                }
              : undefined
          }
        />
        <NumberedPaging
          list={list}
          page={page}
          pageSize={LIST_PAGE_SIZE}
          onPage={(next) => {
            setSelected([]);
            navigate(caseListPath(view, filters, next), keepName(filters));
          }}
          messages="cases"
          testId="cases"
        />
      </Flex>
    </Card>
  );
}
