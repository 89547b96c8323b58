import { Card, Flex, Segmented, Select, type TableColumnsType, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseSummary } from '../../../shared/domain/enterprise.ts';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { filterParams } from '../../app/url-filters.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { CreateButton } from '../../components/CreateButton.tsx';
import { ListSearch, RegionFilter } from '../../components/ListFilters.tsx';
import { NumberedTable } from '../../components/NumberedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TagChips } from '../../components/TagChips.tsx';
import { LIST_PAGE_SIZE } from '../../components/use-cursor-list.ts';
import { useNumberedList } from '../../components/use-numbered-list.ts';
import { ListExportButton } from '../transfer/ListExportButton.tsx';
import { EnterpriseFormDrawer } from './EnterpriseFormDrawer.tsx';
import { useEnterprisesApi } from './enterprises-api.ts';
import {
  type EnterpriseListFilters,
  enterpriseListPath,
  enterprisePath,
  listFiltersFrom,
} from './enterprises-path.ts';
import { useEnterpriseTags } from './use-enterprise-tags.ts';

/**
 * /enterprises[?regionId=…&tag=…&liaison=me&q=…&page=…]: the enterprises in scope, filtered (a
 * region down to one grid, a tag, "mine", a search) and paged by number, all in the address.
 */
export function EnterpriseListPage() {
  const search = useSearch();
  const filters = useMemo(() => listFiltersFrom(search), [search]);
  return <FilteredEnterprises filters={filters} />;
}

function FilteredEnterprises({ filters }: { filters: EnterpriseListFilters }) {
  const { t } = useTranslation();
  const api = useEnterprisesApi();
  const me = useMe();
  const tags = useEnterpriseTags();
  const isLiaison = me.roles.some((r) => r.role === 'liaison');
  // Set by the link that led here (the Regions page or a breadcrumb), kept across a reload.
  const regionName = historyState('regionName');
  const [creating, setCreating] = useState(false);

  const { regionId, tag, mine, q } = filters;
  const page = filters.page ?? 1;
  const fetchPage = useCallback(
    (signal: AbortSignal) =>
      api.list({ regionId, tag, q, liaison: mine ? 'me' : undefined, page, limit: LIST_PAGE_SIZE }, signal),
    [api, regionId, tag, q, mine, page],
  );
  const list = useNumberedList(fetchPage);

  // Another filter starts again from page 1; a page keeps the filters.
  const refilter = (change: Partial<EnterpriseListFilters>, name = regionName) =>
    navigate(enterpriseListPath({ ...filters, page: undefined, ...change }), {
      ...(name ? { state: { regionName: name } } : {}),
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
      render: (_value, enterprise) => <TagChips codes={enterprise.tags} label={tags.label} />,
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

  const mayCreate = list.shown?.actions.includes('create') ?? false;
  const exportQuery = filterParams({ regionId, tag }).toString();

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
      <PageHeader
        title={title}
        subtitle={subtitle}
        titleTestId="enterprises-title"
        extra={
          <Flex gap={8} wrap align="center">
            {me.permissions.includes('data:export') && (
              <ListExportButton
                path={`/api/v1/exports/enterprises${exportQuery ? `?${exportQuery}` : ''}`}
                fallbackName="enterprises.xlsx"
                fullData
                testId="enterprises-export"
              />
            )}
            {mayCreate && (
              <CreateButton onClick={() => setCreating(true)} testId="enterprise-create">
                {t('enterprises.create')}
              </CreateButton>
            )}
          </Flex>
        }
      />
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
            <RegionFilter
              regionId={regionId}
              regionName={regionName}
              onChange={(id, name) => refilter({ regionId: id }, name)}
              testId="enterprises-region-filter"
              width={{ flex: '1 1 220px', maxWidth: 300 }}
            />
            <ListSearch
              q={q}
              placeholder={t('enterprises.searchPlaceholder')}
              label={t('enterprises.search')}
              onSearch={(text) => refilter({ q: text })}
              width={{ flex: '1 1 240px', maxWidth: 360 }}
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
          <NumberedTable<EnterpriseSummary>
            list={list}
            page={page}
            pageSize={LIST_PAGE_SIZE}
            onPage={(next) =>
              navigate(enterpriseListPath({ ...filters, page: next }), {
                ...(regionName ? { state: { regionName } } : {}),
              })
            }
            columns={columns}
            scrollX={900}
            emptyText={t('enterprises.empty')}
            messages="records.lists.enterprises"
            testId="enterprises"
          />
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
