import { Card, Flex, Select, type TableColumnsType, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_FORMS, VISIT_TARGETS, type VisitSummary } from '../../../shared/domain/visit.ts';
import { followLink, historyState, navigate, useSearch } from '../../app/router.ts';
import { filterParams } from '../../app/url-filters.ts';
import { DateField } from '../../components/DateField.tsx';
import { NumberedTable } from '../../components/NumberedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { LIST_PAGE_SIZE } from '../../components/use-cursor-list.ts';
import { useNumberedList } from '../../components/use-numbered-list.ts';
import { TargetFilterTag } from '../households/TargetFilterTag.tsx';
import { ListExportButton } from '../transfer/ListExportButton.tsx';
import { formatInstant } from './format.ts';
import { useVisitsApi } from './visits-api.ts';
import { type DiaryFilters, diaryFiltersFrom, diaryPath, visitPath } from './visits-path.ts';

/** A calendar day as the date pickers take it; a hand-typed instant shows as the period chip. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string | undefined) => value !== undefined && DAY.test(value);

/**
 * /visits: the visit diary (民情日记) of the caller's area, newest first, by numbered page. Its
 * filters (place, target type, form, day or night, period, one household or enterprise) and page
 * live in the address, so a figure links to the visits it counts and a record's page to its visits.
 */
export function VisitListPage() {
  const { t, i18n } = useTranslation();
  const visits = useVisitsApi();
  const search = useSearch();
  const filters = useMemo(() => diaryFiltersFrom(search), [search]);
  const [regionName, setRegionName] = useState<string | undefined>();
  // The record a household's or enterprise's "see all visits" link narrowed the diary to, by name.
  const targetName = historyState('targetName');
  const page = filters.page ?? 1;
  const go = (next: DiaryFilters) =>
    navigate(
      diaryPath(next),
      targetName && (next.householdId || next.enterpriseId) ? { state: { targetName } } : {},
    );
  // Any other filter starts again from page 1.
  const setFilters = (next: DiaryFilters) => go({ ...filters, page: undefined, ...next });
  const fetchPage = useCallback(
    (signal: AbortSignal) => visits.visits({ ...filters, limit: LIST_PAGE_SIZE }, signal),
    [visits, filters],
  );
  const list = useNumberedList(fetchPage);
  const { page: _page, ...exportFilters } = filters;

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
        extra={
          <ListExportButton
            path={`/api/v1/visits/export?${filterParams(exportFilters)}`}
            fallbackName="visits.xlsx"
            testId="visits-export"
          />
        }
      />
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={8} wrap>
            <div style={{ flex: '1 1 240px', maxWidth: 360 }}>
              <RegionTreeSelect
                value={filters.regionId ? { id: filters.regionId, name: regionName ?? '' } : null}
                onChange={(picked) => {
                  setRegionName(picked?.name);
                  setFilters({ regionId: picked?.id });
                }}
                placeholder={t('visits.allScope')}
                allowClear
              />
            </div>
            <Select
              allowClear
              style={{ minWidth: 140 }}
              placeholder={t('visits.diary.allTargets')}
              value={filters.targetType}
              options={VISIT_TARGETS.map((v) => ({ value: v, label: t(`visits.targets.${v}`) }))}
              onChange={(targetType) => setFilters({ targetType })}
              data-testid="visits-target-filter"
            />
            <Select
              allowClear
              style={{ minWidth: 140 }}
              placeholder={t('visits.diary.allForms')}
              value={filters.form}
              options={VISIT_FORMS.map((v) => ({ value: v, label: t(`visits.forms.${v}`) }))}
              onChange={(form) => setFilters({ form })}
              data-testid="visits-form-filter"
            />
            <Select
              allowClear
              style={{ minWidth: 120 }}
              placeholder={t('visits.diary.dayOrNight')}
              value={filters.night}
              options={[
                { value: 'false', label: t('visits.diary.dayOnly') },
                { value: 'true', label: t('visits.diary.nightOnly') },
              ]}
              onChange={(night) => setFilters({ night })}
              data-testid="visits-night-filter"
            />
            <DateField
              aria-label={t('visits.diary.fromDay')}
              placeholder={t('visits.diary.fromDay')}
              value={isDay(filters.from) ? filters.from : ''}
              max={isDay(filters.to) ? filters.to : undefined}
              onChange={(day) => setFilters({ from: day || undefined })}
              style={{ width: 150 }}
              data-testid="visits-from-filter"
            />
            <DateField
              aria-label={t('visits.diary.toDay')}
              placeholder={t('visits.diary.toDay')}
              value={isDay(filters.to) ? filters.to : ''}
              min={isDay(filters.from) ? filters.from : undefined}
              onChange={(day) => setFilters({ to: day || undefined })}
              style={{ width: 150 }}
              data-testid="visits-to-filter"
            />
            <TargetFilterTag
              householdId={filters.householdId}
              enterpriseId={filters.enterpriseId}
              name={targetName}
              onClose={() => setFilters({ householdId: undefined, enterpriseId: undefined })}
              testId="visits-target-record-filter"
            />
            {((filters.from && !isDay(filters.from)) || (filters.to && !isDay(filters.to))) && (
              <Tag
                closable
                onClose={() => setFilters({ from: undefined, to: undefined })}
                closeIcon
                data-testid="visits-period-filter"
              >
                {t('visits.diary.period', { from: filters.from ?? '…', to: filters.to ?? '…' })}
              </Tag>
            )}
          </Flex>
          <NumberedTable<VisitSummary>
            list={list}
            page={page}
            pageSize={LIST_PAGE_SIZE}
            onPage={(next) => go({ ...filters, page: next })}
            columns={columns}
            scrollX={900}
            emptyText={t('visits.diary.empty')}
            messages="visits.diary"
            testId="visits"
          />
        </Flex>
      </Card>
    </Flex>
  );
}
