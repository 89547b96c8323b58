import { Button, Card, Flex, Form, Modal, Select, Spin, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyCommunityResult, SurveyQuestion } from '../../../shared/domain/surveys.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordSearchSelect } from '../../components/RecordSearchSelect.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { percentText } from '../dashboard/breakdown-rows.ts';
import { useSurveysApi } from './surveys-api.ts';

/** A question's result in a cell: a rating's mean, or how many chose each option. */
function resultText(q: SurveyQuestion, r: SurveyCommunityResult['questions'][number] | undefined): string {
  if (!r) return '—';
  if (q.kind === 'rating') return r.mean === null ? '—' : r.mean.toFixed(2);
  return q.options.map((o, i) => `${o} ${r.distribution[i] ?? 0}`).join(' / ');
}

/**
 * One survey: its results per community beside the case satisfaction rate of the same days; staff
 * who visit record a household's answer heard by phone or on a visit; a leader prints invitations.
 */
export function SurveyPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const surveys = useSurveysApi();
  const load = useCallback((signal: AbortSignal) => surveys.results(id, signal), [surveys, id]);
  const results = useAsync(load);
  const [inviting, setInviting] = useState(false);
  if (results.status === 'error') return <ApiErrorAlert error={results.error} onRetry={results.reload} />;
  if (results.status === 'loading') return <Spin />;
  const { survey, communities } = results.data;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={survey.title}
        subtitle={
          <a href="/surveys" onClick={(e) => followLink(e, '/surveys')}>
            {t('surveys.back')}
          </a>
        }
        titleTestId="survey-title"
        extra={
          <Flex gap={8}>
            <Button href={`/survey/${survey.id}`} target="_blank">
              {t('surveys.publicLink')}
            </Button>
            {me.permissions.includes('figures:publish') && (
              <Button onClick={() => setInviting(true)}>{t('surveys.invitations')}</Button>
            )}
          </Flex>
        }
      />
      <Typography.Text type="secondary">
        {survey.region.name} · {t('surveys.periodText', { from: survey.from, to: survey.to })}
      </Typography.Text>
      <Card size="small" title={t('surveys.results')}>
        <Table<SurveyCommunityResult>
          rowKey={(r) => r.region.id}
          size="small"
          dataSource={communities}
          pagination={false}
          scroll={{ x: true }}
          data-testid="survey-results"
          columns={[
            { key: 'name', title: t('surveys.region'), render: (_, r) => r.region.name },
            {
              key: 'responses',
              title: t('surveys.responses'),
              render: (_, r) => `${r.responses} / ${r.households}`,
            },
            ...survey.questions.map((q, i) => ({
              key: `q${i}`,
              title: q.text,
              render: (_: unknown, r: SurveyCommunityResult) => resultText(q, r.questions[i]),
            })),
            {
              key: 'satisfaction',
              title: t('surveys.caseSatisfaction'),
              render: (_, r) => percentText(r.caseSatisfaction),
            },
          ]}
        />
      </Card>
      {me.permissions.includes('visits:write') && (
        <RecordAnswer
          surveyId={survey.id}
          regionId={survey.region.id}
          questions={survey.questions}
          onRecorded={results.reload}
        />
      )}
      {inviting && <Invitations surveyId={survey.id} onClose={() => setInviting(false)} />}
    </Flex>
  );
}

function RecordAnswer({
  surveyId,
  regionId,
  questions,
  onRecorded,
}: {
  surveyId: string;
  /** The survey's place: the household is looked up there. */
  regionId: string;
  questions: SurveyQuestion[];
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const surveys = useSurveysApi();
  const [householdId, setHouseholdId] = useState('');
  const [channel, setChannel] = useState<'phone' | 'visit'>('phone');
  const [answers, setAnswers] = useState<(number | undefined)[]>(questions.map(() => undefined));
  const { busy, save } = useToastSave();
  const ready = householdId !== '' && answers.every((a) => a !== undefined);
  const submit = () =>
    save(
      () =>
        surveys.record(surveyId, {
          householdId,
          channel,
          answers: answers as number[],
        }),
      t('surveys.recorded'),
      () => {
        setHouseholdId('');
        setAnswers(questions.map(() => undefined));
        onRecorded();
      },
    );
  return (
    <Card size="small" title={t('surveys.record')}>
      <Form layout="vertical">
        <Flex gap={12} wrap>
          <Form.Item label={t('surveys.householdId')} required style={{ flex: 1, minWidth: 280 }}>
            <div data-testid="survey-household">
              <RecordSearchSelect
                kind="household"
                regionId={regionId}
                value={householdId || undefined}
                onChange={(id) => setHouseholdId(id ?? '')}
              />
            </div>
          </Form.Item>
          <Form.Item label={t('surveys.channel')} required>
            <Select
              style={{ width: 160 }}
              value={channel}
              onChange={setChannel}
              options={(['phone', 'visit'] as const).map((c) => ({
                value: c,
                label: t(`surveys.channels.${c}`),
              }))}
            />
          </Form.Item>
        </Flex>
        {questions.map((q, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a survey's questions never change order: the index is the question.
          <Form.Item key={i} label={q.text} required>
            <Select
              style={{ maxWidth: 320 }}
              value={answers[i]}
              onChange={(v: number) => setAnswers((all) => all.map((a, k) => (k === i ? v : a)))}
              options={
                q.kind === 'rating'
                  ? [5, 4, 3, 2, 1].map((n) => ({ value: n, label: String(n) }))
                  : q.options.map((o, k) => ({ value: k, label: o }))
              }
            />
          </Form.Item>
        ))}
        <Button type="primary" onClick={submit} loading={busy} disabled={!ready} data-testid="survey-record">
          {t('surveys.record')}
        </Button>
      </Form>
    </Card>
  );
}

function Invitations({ surveyId, onClose }: { surveyId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const surveys = useSurveysApi();
  const load = useCallback(() => surveys.invitations(surveyId), [surveys, surveyId]);
  const list = useAsync(load);
  return (
    <Modal open title={t('surveys.invitations')} onCancel={onClose} footer={null} width={560}>
      <Typography.Paragraph type="secondary">{t('surveys.invitationsHelp')}</Typography.Paragraph>
      {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table
        rowKey="householdId"
        size="small"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { key: 'household', title: t('surveys.householdCode'), dataIndex: 'householdCode' },
          { key: 'code', title: t('surveys.inviteCode'), dataIndex: 'inviteCode' },
        ]}
      />
    </Modal>
  );
}
