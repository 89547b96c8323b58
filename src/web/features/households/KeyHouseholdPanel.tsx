import { CheckOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Descriptions, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type FollowUp,
  KEY_RECORD_FIELDS,
  type KeyInfo,
  type KeyRecord,
  type Plan,
} from '../../../shared/domain/key-household.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { FollowUpDoneModal } from './FollowUpDoneModal.tsx';
import { KeyRecordModal } from './KeyRecordModal.tsx';
import { keyHouseholdApi } from './key-household-api.ts';
import { PlanModal } from './PlanModal.tsx';
import { followUpState } from './plan-dates.ts';

const STATE_COLOURS = { done: 'success', overdue: 'error', pending: 'processing' } as const;

/**
 * A key household's "五个要" (the latest record, older ones folded away) and its 一户一策 plans with
 * their follow-ups. Writes answer the whole key information, which replaces what is shown.
 */
export function KeyHouseholdPanel({
  householdId,
  canRecord,
  canEditPlan,
}: {
  householdId: string;
  canRecord: boolean;
  canEditPlan: boolean;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const load = useCallback(
    (signal: AbortSignal) => keyHouseholdApi(api).get(householdId, signal),
    [api, householdId],
  );
  const loaded = useAsync(load);
  const [saved, setSaved] = useState<KeyInfo | null>(null);
  const [recording, setRecording] = useState(false);
  const [planEditing, setPlanEditing] = useState<{ plan: Plan | null } | null>(null);
  const [completing, setCompleting] = useState<{ planId: string; followUp: FollowUp } | null>(null);

  const info = saved ?? loaded.data;
  if (loaded.status === 'error' && !saved)
    return <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!info) return <Skeleton active paragraph={{ rows: 4 }} />;

  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN');
  const today = cstDay(new Date());
  const accept = (next: KeyInfo) => {
    setSaved(next);
    setRecording(false);
    setPlanEditing(null);
    setCompleting(null);
  };

  const recordView = (record: KeyRecord) => (
    <Flex vertical gap={8}>
      <Descriptions
        column={1}
        size="small"
        items={KEY_RECORD_FIELDS.map((field) => ({
          key: field,
          label: t(`records.key.fields.${field}`),
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{record[field]}</span>,
        }))}
      />
      <Typography.Text type="secondary">
        {t('records.key.recordedBy', { name: record.recordedBy.displayName, time: time(record.recordedAt) })}
      </Typography.Text>
    </Flex>
  );

  const older = info.history.slice(1);
  return (
    <Flex vertical gap={16}>
      <Card
        title={t('records.key.title')}
        data-testid="key-panel"
        extra={
          canRecord && (
            <Button icon={<EditOutlined />} onClick={() => setRecording(true)} data-testid="key-record">
              {t('records.key.record')}
            </Button>
          )
        }
      >
        {info.latest ? (
          <Flex vertical gap={12} data-testid="key-latest">
            {recordView(info.latest)}
            {older.length > 0 && (
              <Collapse
                size="small"
                items={[
                  {
                    key: 'history',
                    label: t('records.key.history', { count: info.recordCount - 1 }),
                    children: (
                      <Flex vertical gap={16}>
                        {older.map((record) => (
                          <div key={record.id}>{recordView(record)}</div>
                        ))}
                      </Flex>
                    ),
                  },
                ]}
              />
            )}
          </Flex>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('records.key.none')} />
        )}
      </Card>
      <Card
        title={t('records.plan.title')}
        data-testid="plan-panel"
        extra={
          canEditPlan && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setPlanEditing({ plan: null })}
              data-testid="plan-create"
            >
              {t('records.plan.create')}
            </Button>
          )
        }
      >
        {info.plans.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('records.plan.none')} />
        ) : (
          <Flex vertical gap={16}>
            {info.plans.map((plan) => (
              <Card
                key={plan.id}
                type="inner"
                size="small"
                data-testid="plan"
                title={
                  <Flex gap={8} align="center" wrap>
                    <Tag color={plan.status === 'active' ? 'blue' : 'default'}>
                      {t(`records.plan.statuses.${plan.status}`)}
                    </Tag>
                    <Typography.Text>
                      {t('records.plan.owner')}：{plan.owner.displayName}
                    </Typography.Text>
                  </Flex>
                }
                extra={
                  canEditPlan && (
                    <Button size="small" onClick={() => setPlanEditing({ plan })} data-testid="plan-edit">
                      {t('records.plan.edit')}
                    </Button>
                  )
                }
              >
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="plan-measures-text">
                  {plan.measures}
                </Typography.Paragraph>
                <Typography.Text strong>{t('records.plan.followUps')}</Typography.Text>
                <Flex vertical gap={4} style={{ marginTop: 8 }}>
                  {plan.followUps.map((followUp) => {
                    const state = followUpState(followUp, today);
                    return (
                      <Flex
                        key={followUp.id}
                        justify="space-between"
                        align="center"
                        gap={8}
                        wrap
                        data-testid="follow-up"
                        data-due={followUp.dueDate}
                        style={{ padding: '6px 0', borderTop: '1px solid rgba(5, 5, 5, 0.06)' }}
                      >
                        <Flex vertical gap={2}>
                          <Flex gap={8} align="center">
                            <Typography.Text>{followUp.dueDate}</Typography.Text>
                            <Tag color={STATE_COLOURS[state]}>{t(`records.plan.${state}`)}</Tag>
                          </Flex>
                          {followUp.doneAt && (
                            <Typography.Text type="secondary">
                              {t('records.plan.doneBy', {
                                name: followUp.doneBy?.displayName ?? '',
                                time: time(followUp.doneAt),
                                note: followUp.note ?? '',
                              })}
                            </Typography.Text>
                          )}
                        </Flex>
                        {canEditPlan && plan.status === 'active' && state !== 'done' && (
                          <Button
                            size="small"
                            icon={<CheckOutlined />}
                            onClick={() => setCompleting({ planId: plan.id, followUp })}
                            data-testid="follow-up-done"
                          >
                            {t('records.plan.markDone')}
                          </Button>
                        )}
                      </Flex>
                    );
                  })}
                </Flex>
              </Card>
            ))}
          </Flex>
        )}
      </Card>
      <KeyRecordModal
        open={recording}
        householdId={householdId}
        latest={info.latest}
        onClose={() => setRecording(false)}
        onSaved={accept}
      />
      <PlanModal
        open={planEditing !== null}
        householdId={householdId}
        plan={planEditing?.plan ?? null}
        onClose={() => setPlanEditing(null)}
        onSaved={accept}
      />
      <FollowUpDoneModal
        target={completing}
        householdId={householdId}
        onClose={() => setCompleting(null)}
        onSaved={accept}
      />
    </Flex>
  );
}
