import { Button, Col, Flex, Input, Row, Select, TreeSelect } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCIES } from '../../../shared/cases/clock-rules.ts';
import { CASE_LEVELS } from '../../../shared/cases/levels.ts';
import { CASE_STATES } from '../../../shared/cases/workflow.ts';
import { CASE_KINDS, CHANNELS, LEVEL_NAMES, LIST_TYPES } from '../../../shared/domain/case.ts';
import { categoryTree } from '../../../shared/domain/category.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { cleanFilters } from '../../app/url-filters.ts';
import { DateField } from '../../components/DateField.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { type CaseFilters, casesApi } from './cases-api.ts';

/**
 * The queue's filters, edited here and applied together. The region's name travels beside its id
 * so a saved view shows it again without another request.
 */
export function CaseFilterBar({
  value,
  regionName,
  onApply,
}: {
  value: CaseFilters;
  regionName: string | undefined;
  onApply: (filters: CaseFilters, regionName: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [draft, setDraft] = useState<CaseFilters>(value);
  const [region, setRegion] = useState<PickedRegion | null>(
    value.regionId ? { id: value.regionId, name: regionName ?? '' } : null,
  );
  const loadCategories = useCallback((signal: AbortSignal) => casesApi(api).categories(signal), [api]);
  const categories = useAsync(loadCategories);
  const english = i18n.language === 'en';
  const set = (patch: CaseFilters) => setDraft((current) => ({ ...current, ...patch }));

  const categoryData = (() => {
    type Node = ReturnType<typeof categoryTree<NonNullable<typeof categories.data>['items'][number]>>[number];
    const toNode = (node: Node): object => ({
      value: node.category.id,
      title: (english && node.category.nameEn) || node.category.name,
      children: node.children.map(toNode),
    });
    return categoryTree(categories.data?.items ?? []).map(toNode);
  })();

  const option = (prefix: string) => (v: string) => ({ value: v, label: t(`${prefix}.${v}`) });
  const apply = () => onApply(cleanFilters(draft), region?.name);

  return (
    <Flex vertical gap={8} data-testid="case-filters">
      <Row gutter={[8, 8]}>
        <Col xs={24} sm={12} lg={6}>
          <Input.Search
            allowClear
            maxLength={50}
            placeholder={t('cases.filters.text')}
            aria-label={t('cases.filters.text')}
            value={draft.q ?? ''}
            onChange={(event) => set({ q: event.target.value })}
            onSearch={(q) => onApply(cleanFilters({ ...draft, q }), region?.name)}
            data-testid="case-filter-text"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            style={{ width: '100%' }}
            placeholder={t('cases.filters.state')}
            value={draft.state ?? []}
            onChange={(state) => set({ state })}
            options={CASE_STATES.map(option('cases.states'))}
            data-testid="case-filter-state"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <TreeSelect
            allowClear
            style={{ width: '100%' }}
            placeholder={t('cases.filters.category')}
            value={draft.categoryId}
            onChange={(categoryId?: string) => set({ categoryId })}
            treeData={categoryData}
            popupMatchSelectWidth={false}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <RegionTreeSelect
            allowClear
            value={region}
            onChange={(picked) => {
              setRegion(picked);
              set({ regionId: picked?.id });
            }}
            placeholder={t('cases.filters.region')}
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('cases.filters.urgency')}
            value={draft.urgency}
            onChange={(urgency) => set({ urgency })}
            options={URGENCIES.map(option('cases.urgencies'))}
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('cases.filters.channel')}
            value={draft.channel}
            onChange={(channel) => set({ channel })}
            options={CHANNELS.map(option('cases.channels'))}
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('cases.filters.overdue')}
            // One select for the clock: overdue or not (overdue=…), or due soon (dueSoon=true).
            value={draft.dueSoon ? 'soon' : draft.overdue}
            onChange={(clock?: 'true' | 'false' | 'soon') =>
              set(
                clock === 'soon'
                  ? { overdue: undefined, dueSoon: 'true' }
                  : { overdue: clock, dueSoon: undefined },
              )
            }
            options={[
              { value: 'true', label: t('cases.filters.overdueOnly') },
              { value: 'false', label: t('cases.filters.notOverdue') },
              { value: 'soon', label: t('cases.filters.dueSoonOnly') },
            ]}
            data-testid="case-filter-overdue"
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('cases.filters.kind')}
            value={draft.kind}
            onChange={(kind) => set({ kind })}
            options={CASE_KINDS.map(option('cases.kinds'))}
            data-testid="case-filter-kind"
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('cases.filters.listType')}
            value={draft.listType}
            onChange={(listType) => set({ listType })}
            options={LIST_TYPES.map(option('cases.listTypes'))}
            data-testid="case-filter-list-type"
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('cases.filters.level')}
            value={draft.level}
            onChange={(level) => set({ level })}
            options={LEVEL_NAMES.map((level) => ({
              value: level,
              label: t(`cases.levels.${CASE_LEVELS[level]}`),
            }))}
            data-testid="case-filter-level"
          />
        </Col>
        <Col xs={24} sm={8} lg={4}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('cases.filters.onSpot')}
            value={draft.onSpot}
            onChange={(onSpot) => set({ onSpot })}
            options={[
              { value: 'true', label: t('cases.filters.onSpotOnly') },
              { value: 'false', label: t('cases.filters.notOnSpot') },
            ]}
            data-testid="case-filter-on-spot"
          />
        </Col>
        <Col xs={12} sm={8} lg={10}>
          <DateField
            placeholder={t('cases.filters.createdFrom')}
            aria-label={t('cases.filters.createdFrom')}
            value={draft.createdFrom ?? ''}
            onChange={(day) => set({ createdFrom: day || undefined })}
          />
        </Col>
        <Col xs={12} sm={8} lg={10}>
          <DateField
            placeholder={t('cases.filters.createdTo')}
            aria-label={t('cases.filters.createdTo')}
            value={draft.createdTo ?? ''}
            onChange={(day) => set({ createdTo: day || undefined })}
          />
        </Col>
      </Row>
      <Flex gap={8} justify="flex-end" wrap>
        <Button
          onClick={() => {
            setDraft({});
            setRegion(null);
            onApply({}, undefined);
          }}
        >
          {t('cases.filters.reset')}
        </Button>
        <Button type="primary" onClick={apply} data-testid="case-filter-apply">
          {t('cases.filters.apply')}
        </Button>
      </Flex>
    </Flex>
  );
}
