import { Card, Flex, Select, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdSummary } from '../../../shared/domain/household.ts';
import { useApi } from '../../app/api-context.tsx';
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
import { HouseholdFormDrawer } from './HouseholdFormDrawer.tsx';
import {
  type HouseholdFilters,
  householdFiltersFrom,
  householdPath,
  householdsPath,
} from './households-path.ts';
import { tagLabel, useTagList } from './use-tag-list.ts';

/**
 * /households[?regionId=…&tag=…&q=…&page=…]: the households of the user's scope, narrowed to a
 * region down to one grid, a tag or a search, by numbered page. Filters and page live in the
 * address, so a filtered page can be linked to and reached again with back and forward.
 */
export function HouseholdListPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const me = useMe();
  const search = useSearch();
  const filters = useMemo(() => householdFiltersFrom(search), [search]);
  const tagList = useTagList('household');
  const english = i18n.language.startsWith('en');
  // Set by the link that led here (the Regions page) or by the picker, kept across a reload.
  const regionName = historyState('regionName');
  const [creating, setCreating] = useState(false);
  const { regionId, q, tag } = filters;
  const page = filters.page ?? 1;

  // Any other filter starts again from page 1.
  const refilter = (change: HouseholdFilters, name = regionName) =>
    navigate(householdsPath({ ...filters, page: undefined, ...change }), {
      ...(name ? { state: { regionName: name } } : {}),
    });
  const fetchPage = useCallback(
    (signal: AbortSignal) => api.listHouseholds({ regionId, q, tag, page, limit: LIST_PAGE_SIZE }, signal),
    [api, regionId, q, tag, page],
  );
  const list = useNumberedList(fetchPage);

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
        <TagChips codes={household.tags} label={(code) => tagLabel(tagList.data, code, english)} />
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

  const exportQuery = filterParams({ regionId, tag }).toString();
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={
          regionId && regionName
            ? t('households.titleOfRegion', { region: regionName })
            : t('households.title')
        }
        subtitle={regionId ? t('households.subtitleRegion') : t('households.subtitleScope')}
        titleTestId="households-title"
        extra={
          <Flex gap={8} wrap align="center">
            {me.permissions.includes('data:export') && (
              <ListExportButton
                path={`/api/v1/exports/households${exportQuery ? `?${exportQuery}` : ''}`}
                fallbackName="households.xlsx"
                fullData
                testId="households-export"
              />
            )}
            {list.shown?.actions.includes('create') && (
              <CreateButton onClick={() => setCreating(true)} testId="household-create">
                {t('records.household.create')}
              </CreateButton>
            )}
          </Flex>
        }
      />
      <Card>
        <Flex vertical gap={16}>
          <Flex wrap gap={12} align="center">
            <RegionFilter
              regionId={regionId}
              regionName={regionName}
              onChange={(id, name) => refilter({ regionId: id }, name)}
              testId="households-region-filter"
              width={{ flex: '1 1 240px', maxWidth: 320 }}
            />
            <Select<string>
              allowClear
              value={tag}
              placeholder={t('records.lists.allTags')}
              aria-label={t('records.lists.tagFilter')}
              style={{ minWidth: 160, flex: '0 1 200px' }}
              options={(tagList.data ?? []).map((d) => ({
                value: d.code,
                label: english ? d.nameEn : d.name,
              }))}
              onChange={(value) => refilter({ tag: value })}
              data-testid="households-tag-filter"
            />
            <ListSearch
              q={q}
              placeholder={t('households.searchPlaceholder')}
              label={t('households.search')}
              onSearch={(text) => refilter({ q: text })}
              width={{ flex: '1 1 260px', maxWidth: 420 }}
            />
          </Flex>
          <NumberedTable<HouseholdSummary>
            list={list}
            page={page}
            pageSize={LIST_PAGE_SIZE}
            onPage={(next) => navigate(householdsPath({ ...filters, page: next }), { state: { regionName } })}
            columns={columns}
            scrollX={840}
            emptyText={t('households.empty')}
            messages="records.lists.households"
            testId="households"
          />
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
