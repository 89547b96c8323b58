import { Card, Flex, type TableColumnsType, Tag } from 'antd';

import { useTranslation } from 'react-i18next';
import type { VisitSummary } from '../../../shared/domain/visit.ts';
import { followLink } from '../../app/router.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useRegionCursorList } from '../../components/use-region-cursor-list.ts';
import { formatInstant } from './format.ts';
import { useVisitsApi } from './visits-api.ts';
import { visitPath } from './visits-path.ts';

/** /visits: the visit diary (民情日记) of the caller's area, newest first, by region. */
export function VisitListPage() {
  const { t, i18n } = useTranslation();
  const visits = useVisitsApi();
  const { region, setRegion, list } = useRegionCursorList(visits.visits);

  const columns: TableColumnsType<VisitSummary> = [
    {
      key: 'when',
      title: t('visits.diary.when'),
      width: 170,
      render: (_v, visit) => (
        <a
          href={visitPath(visit.id)}
          onClick={(e) => followLink(e, visitPath(visit.id))}
          data-testid="visit-link"
        >
          {formatInstant(visit.startedAt, i18n.language)}
        </a>
      ),
    },
    {
      key: 'form',
      title: t('visits.diary.form'),
      width: 110,
      render: (_v, visit) => t(`visits.forms.${visit.form}`),
    },
    {
      key: 'target',
      title: t('visits.diary.target'),
      render: (_v, visit) => (
        <Flex gap={4} wrap>
          <span>{visit.targetName}</span>
          {visit.isNight && <Tag color="purple">{t('visits.diary.night')}</Tag>}
          {visit.far && <Tag color="orange">{t('visits.diary.far')}</Tag>}
        </Flex>
      ),
    },
    { key: 'place', title: t('visits.diary.place'), dataIndex: 'regionName', width: 150 },
    {
      key: 'visitors',
      title: t('visits.diary.visitors'),
      width: 180,
      render: (_v, visit) => visit.visitors.map((p) => p.displayName).join('、'),
    },
    { key: 'cases', title: t('visits.diary.cases'), dataIndex: 'caseCount', width: 70, align: 'right' },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('visits.diary.title')}
        subtitle={t('visits.diary.subtitle')}
        titleTestId="visits-title"
      />
      <Card>
        <Flex vertical gap={16}>
          <RegionTreeSelect
            value={region}
            onChange={setRegion}
            placeholder={t('visits.allScope')}
            allowClear
            maxWidth={360}
          />
          <PagedTable<VisitSummary>
            list={list}
            columns={columns}
            scrollX={900}
            messages="visits.diary"
            testId="visits"
          />
        </Flex>
      </Card>
    </Flex>
  );
}
