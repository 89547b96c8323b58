import { App, Button, Card, Flex, Input, Segmented, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_EVALUATION_CRITERIA,
  EVALUATION_KINDS,
  type EvaluationCriterion,
  type EvaluationKind,
  type EvaluationRoundSummary,
} from '../../../shared/domain/evaluation.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { CriteriaEditor, criteriaReady } from './CriteriaEditor.tsx';
import { evaluationApi } from './evaluation-api.ts';

/**
 * /evaluation: 两评. The rounds of the caller's street and district (and below); a leader who
 * publishes figures opens one for a street or the district with the kind's default form.
 */
export function EvaluationListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const api = useApi();
  const rounds = useMemo(() => evaluationApi(api), [api]);
  const mayOpen = me.permissions.includes('figures:publish');
  const today = cstDay(new Date());
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [kind, setKind] = useState<EvaluationKind>('community_rates_cadres');
  const [criteria, setCriteria] = useState<EvaluationCriterion[]>(DEFAULT_EVALUATION_CRITERIA[kind]);
  const chooseKind = (next: EvaluationKind) => {
    setKind(next);
    setCriteria(DEFAULT_EVALUATION_CRITERIA[next]);
  };
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState(addDays(today, -90));
  const [to, setTo] = useState(today);
  const [opening, setOpening] = useState(false);

  const load = useCallback((signal: AbortSignal) => rounds.list(signal), [rounds]);
  const list = useAsync(load);

  const open = async () => {
    if (!region) return;
    setOpening(true);
    try {
      const form = criteria.map((c) => ({
        key: c.key,
        name: c.name.trim(),
        ...(c.hint?.trim() ? { hint: c.hint.trim() } : {}),
      }));
      const created = await rounds.open({
        regionId: region.id,
        kind,
        title: title.trim(),
        from,
        to,
        criteria: form,
      });
      message.success(t('evaluation.opened'));
      navigate(`/evaluation/${created.id}`);
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
      setOpening(false);
    }
  };

  const columns: TableColumnsType<EvaluationRoundSummary> = [
    {
      key: 'title',
      title: t('evaluation.roundTitle'),
      render: (_v, r) => (
        <a
          href={`/evaluation/${r.id}`}
          onClick={(e) => followLink(e, `/evaluation/${r.id}`)}
          data-testid="evaluation-open-round"
          data-id={r.id}
        >
          {r.title}
        </a>
      ),
    },
    {
      key: 'kind',
      title: t('evaluation.kind'),
      width: 180,
      render: (_v, r) => t(`evaluation.kinds.${r.kind}`),
    },
    { key: 'place', title: t('evaluation.region'), width: 140, render: (_v, r) => r.region.name },
    { key: 'period', title: t('evaluation.period'), width: 200, render: (_v, r) => `${r.from} – ${r.to}` },
    {
      key: 'state',
      title: t('evaluation.state'),
      width: 90,
      render: (_v, r) => (
        <Tag color={r.state === 'open' ? 'blue' : 'default'}>{t(`evaluation.states.${r.state}`)}</Tag>
      ),
    },
    { key: 'by', title: t('evaluation.openedBy'), dataIndex: 'openedBy', width: 140 },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('evaluation.title')}
        subtitle={t('evaluation.subtitle')}
        titleTestId="evaluation-title"
      />
      {mayOpen && (
        <Card>
          <Flex gap={12} wrap align="center">
            <RegionTreeSelect
              value={region}
              onChange={setRegion}
              placeholder={t('evaluation.region')}
              maxWidth={260}
              testId="evaluation-region"
            />
            <Segmented<EvaluationKind>
              value={kind}
              onChange={chooseKind}
              options={EVALUATION_KINDS.map((k) => ({ value: k, label: t(`evaluation.kinds.${k}`) }))}
              data-testid="evaluation-kind"
            />
            <Input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={t('evaluation.roundTitle')}
              maxLength={60}
              style={{ width: 220 }}
              data-testid="evaluation-new-title"
            />
            <DateField value={from} onChange={setFrom} placeholder={t('evaluation.from')} />
            <DateField value={to} onChange={setTo} min={from} placeholder={t('evaluation.to')} />
            <Button
              type="primary"
              disabled={!region || title.trim() === '' || !from || !to || !criteriaReady(criteria)}
              loading={opening}
              onClick={() => void open()}
              data-testid="evaluation-new"
            >
              {t('evaluation.open')}
            </Button>
          </Flex>
          <div style={{ marginTop: 16 }}>
            <CriteriaEditor value={criteria} onChange={setCriteria} />
          </div>
        </Card>
      )}
      <Card>
        {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
        <Table<EvaluationRoundSummary>
          rowKey="id"
          size="small"
          loading={list.status === 'loading'}
          columns={columns}
          dataSource={list.status === 'success' ? list.data : []}
          locale={{ emptyText: t('evaluation.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          data-testid="evaluation-rounds"
        />
      </Card>
    </Flex>
  );
}
