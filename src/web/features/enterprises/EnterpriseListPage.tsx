import { Card, Flex, Input, Segmented, Select, type TableColumnsType, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseSummary } from '../../../shared/domain/enterprise.ts';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { CreateButton } from '../../components/CreateButton.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TagChips } from '../../components/TagChips.tsx';
import { type PageRequest, useCursorList } from '../../components/use-cursor-list.ts';
import { EnterpriseFormDrawer } from './EnterpriseFormDrawer.tsx';
import { useEnterprisesApi } from './enterprises-api.ts';
import {
  type EnterpriseListFilters,
  enterpriseListPath,
  enterprisePath,
  listFiltersFrom,
} from './enterprises-path.ts';
import { useEnterpriseTags } from './use-enterprise-tags.ts';

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
  const [creating, setCreating] = useState(false);

  const { regionId, tag, mine } = filters;
  const fetchPage = useCallback(
    (page: PageRequest, signal: AbortSignal) =>
      api.list({ regionId, tag, liaison: mine ? 'me' : undefined, ...page }, signal),
    [api, regionId, tag, mine],
  );
  // Another tag or "mine" (a click here, or back and forward) starts again from the first page.
  const list = useCursorList(fetchPage, `${tag ?? ''}|${mine}`);

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
          mayCreate && (
            <CreateButton onClick={() => setCreating(true)} testId="enterprise-create">
              {t('enterprises.create')}
            </CreateButton>
          )
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
            <Input.Search
              allowClear
              enterButton
              maxLength={100}
              placeholder={t('enterprises.searchPlaceholder')}
              aria-label={t('enterprises.search')}
              style={{ maxWidth: 360, flex: '1 1 240px' }}
              onSearch={list.search}
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
          <PagedTable<EnterpriseSummary>
            list={list}
            columns={columns}
            scrollX={900}
            messages="enterprises"
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
