import { Card, Flex, Segmented, type TableColumnsType, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { unvisitedItemSchema } from '../../../shared/domain/coverage.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { type PageRequest, useCursorList } from '../../components/use-cursor-list.ts';
import { formatInstant } from './format.ts';
import { type CoveragePeriod, useVisitsApi } from './visits-api.ts';

type Unvisited = z.infer<typeof unvisitedItemSchema>;
type Target = 'household' | 'enterprise';

/** The households or enterprises of the region not yet visited this period, with their last visit. */
export function UnvisitedList({ regionId, period }: { regionId: string; period: CoveragePeriod }) {
  const { t, i18n } = useTranslation();
  const visits = useVisitsApi();
  // Only what the caller may read: a liaison visits enterprises and may not list households.
  const permissions = useMe().permissions;
  const targets = (['household', 'enterprise'] as const).filter((v) =>
    permissions.includes(v === 'household' ? 'households:read' : 'enterprises:read'),
  );
  const [target, setTarget] = useState<Target>(targets[0] ?? 'enterprise');
  const fetchPage = useCallback(
    (page: PageRequest, signal: AbortSignal) =>
      visits.unvisited(
        { regionId, period, target, ...(page.after ? { after: page.after } : {}), limit: page.limit },
        signal,
      ),
    [visits, regionId, period, target],
  );
  const list = useCursorList(fetchPage, target);
  const columns: TableColumnsType<Unvisited> = [
    {
      key: 'name',
      title: t('visits.coverage.name'),
      render: (_v, u) => (
        <Flex gap={4} wrap>
          <span>{u.name}</span>
          {u.isKey && <Tag color="red">{t('visits.coverage.key')}</Tag>}
        </Flex>
      ),
    },
    { key: 'grid', title: t('visits.coverage.grid'), dataIndex: 'gridName', width: 160 },
    {
      key: 'last',
      title: t('visits.coverage.lastVisit'),
      width: 170,
      render: (_v, u) =>
        u.lastVisitAt ? formatInstant(u.lastVisitAt, i18n.language) : t('visits.coverage.never'),
    },
  ];
  return (
    <Card
      title={t('visits.coverage.unvisited')}
      extra={
        <Segmented<Target>
          value={target}
          onChange={setTarget}
          options={targets.map((v) => ({
            value: v,
            label: t(
              v === 'household'
                ? 'visits.coverage.unvisitedHouseholds'
                : 'visits.coverage.unvisitedEnterprises',
            ),
          }))}
        />
      }
    >
      <PagedTable<Unvisited & { id: string }>
        list={list}
        columns={columns}
        scrollX={600}
        messages="visits.coverage"
        testId="unvisited"
      />
    </Card>
  );
}
