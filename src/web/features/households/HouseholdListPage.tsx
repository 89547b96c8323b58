import { Card, Flex, Input, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdSummary } from '../../../shared/domain/household.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { CreateButton } from '../../components/CreateButton.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TagChips } from '../../components/TagChips.tsx';
import { type PageRequest, useCursorList } from '../../components/use-cursor-list.ts';
import { HouseholdFormDrawer } from './HouseholdFormDrawer.tsx';
import { householdPath, regionIdFrom } from './households-path.ts';

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
  const [creating, setCreating] = useState(false);
  const fetchPage = useCallback(
    (page: PageRequest, signal: AbortSignal) => api.listHouseholds({ regionId, ...page }, signal),
    [api, regionId],
  );
  const list = useCursorList(fetchPage);

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
      render: (_value, household) => <TagChips codes={household.tags} />,
    },
    {
      key: 'members',
      title: t('households.memberCount'),
      dataIndex: 'memberCount',
      width: 90,
      align: 'right',
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={regionName ? t('households.titleOfRegion', { region: regionName }) : t('households.title')}
        subtitle={regionId ? t('households.subtitleRegion') : t('households.subtitleScope')}
        titleTestId="households-title"
        extra={
          list.shown?.actions.includes('create') && (
            <CreateButton onClick={() => setCreating(true)} testId="household-create">
              {t('records.household.create')}
            </CreateButton>
          )
        }
      />
      <Card>
        <Flex vertical gap={16}>
          <Input.Search
            allowClear
            enterButton
            maxLength={100}
            placeholder={t('households.searchPlaceholder')}
            aria-label={t('households.search')}
            style={{ maxWidth: 420 }}
            onSearch={list.search}
          />
          <PagedTable<HouseholdSummary>
            list={list}
            columns={columns}
            scrollX={840}
            messages="households"
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
