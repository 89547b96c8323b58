import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Collapse, Flex, Switch, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitAssignment, VisitRule, VisitTeam } from '../../../shared/domain/visit-plan.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { LoadedTable } from '../../components/LoadedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { NewRuleModal } from './NewRuleModal.tsx';
import { ruleText } from './rule-text.ts';
import { useVisitsApi } from './visits-api.ts';

/** /visits/plans (leaders): the rules in force, the grid teams and the 包联 assignments. */
export function PlansPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('visits.plans.title')}
        subtitle={t('visits.plans.subtitle')}
        titleTestId="plans-title"
      />
      <Rules />
      <Teams />
      <Assignments />
    </Flex>
  );
}

function Rules() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const visits = useVisitsApi();
  const load = useCallback((signal: AbortSignal) => visits.rules(undefined, signal), [visits]);
  const result = useAsync(load);
  const [creating, setCreating] = useState(false);
  const toggle = async (rule: VisitRule, active: boolean) => {
    try {
      await visits.setRuleActive(rule.id, active);
      result.reload();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    }
  };
  return (
    <Card
      title={t('visits.plans.rules')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="rule-new">
          {t('visits.plans.newRule')}
        </Button>
      }
    >
      {creating && (
        <NewRuleModal
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            result.reload();
          }}
        />
      )}
      <LoadedTable<VisitRule>
        result={result}
        rows={result.data?.items}
        rowKey="id"
        scrollX={640}
        emptyText={t('visits.plans.empty')}
        columns={[
          { key: 'region', title: t('visits.region'), dataIndex: 'regionName', width: 140 },
          {
            key: 'kind',
            title: t('visits.plans.kind'),
            width: 110,
            render: (_v, r) => t(`visits.plans.kinds.${r.kind}`),
          },
          {
            key: 'params',
            title: t('visits.plans.params'),
            render: (_v, r) => ruleText(r, (key, values) => String(t(key, values ?? {}))),
          },
          {
            key: 'active',
            title: t('visits.plans.active'),
            width: 80,
            render: (_v, r) => (
              <Switch
                size="small"
                checked={r.active}
                disabled={!r.actions.includes('update')}
                onChange={(checked) => toggle(r, checked)}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

function Teams() {
  const { t } = useTranslation();
  const visits = useVisitsApi();
  const load = useCallback((signal: AbortSignal) => visits.teams(undefined, signal), [visits]);
  const result = useAsync(load);
  const missing = result.data?.gridsWithoutTeam ?? [];
  return (
    <Card title={t('visits.plans.teams')}>
      {missing.length > 0 && (
        // Over a whole district this can be 150 names: a count, with the names on request.
        <Collapse
          ghost
          size="small"
          items={[
            {
              key: 'missing',
              label: (
                <Typography.Text type="warning" data-testid="grids-without-team">
                  {t('visits.plans.gridsWithoutTeam', { count: missing.length })}
                </Typography.Text>
              ),
              children: missing.map((g) => g.name).join(t('visits.plans.listSeparator')),
            },
          ]}
        />
      )}
      <LoadedTable<VisitTeam>
        result={result}
        rows={result.data?.items}
        pageSize={20}
        rowKey="id"
        scrollX={640}
        emptyText={t('visits.plans.empty')}
        columns={[
          { key: 'grid', title: t('visits.coverage.grid'), dataIndex: 'gridName', width: 150 },
          {
            key: 'team',
            title: t('visits.plans.team'),
            width: 180,
            render: (_v, team) => (
              <Flex gap={4} wrap>
                <span>{team.name}</span>
                {team.needsCadre && <Tag color="orange">{t('visits.plans.needsCadre')}</Tag>}
              </Flex>
            ),
          },
          {
            key: 'members',
            title: t('visits.plans.members'),
            render: (_v, team) =>
              team.members.map((m) => `${m.displayName}（${t(`visits.plans.roles.${m.role}`)}）`).join('、'),
          },
        ]}
      />
    </Card>
  );
}

function Assignments() {
  const { t } = useTranslation();
  const visits = useVisitsApi();
  const load = useCallback((signal: AbortSignal) => visits.assignments(undefined, signal), [visits]);
  const result = useAsync(load);
  return (
    <Card title={t('visits.plans.assignments')}>
      <LoadedTable<VisitAssignment>
        result={result}
        rows={result.data?.items}
        pageSize={20}
        rowKey="id"
        scrollX={560}
        emptyText={t('visits.plans.empty')}
        columns={[
          { key: 'person', title: t('visits.plans.person'), dataIndex: 'userName', width: 160 },
          {
            key: 'type',
            title: t('visits.plans.subject'),
            width: 90,
            render: (_v, a) => t(`visits.plans.subjects.${a.subjectType}`),
          },
          { key: 'name', title: '', dataIndex: 'subjectName' },
        ]}
      />
    </Card>
  );
}
