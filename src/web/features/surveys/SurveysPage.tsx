import { Button, Flex, Form, Input, Modal, Select, Table } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SURVEY_QUESTIONS_MAX,
  SURVEY_QUESTIONS_MIN,
  type Survey,
  type SurveyQuestion,
} from '../../../shared/domain/surveys.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useSurveysApi } from './surveys-api.ts';

/** The surveys of a place (of it, below it, or of its street); a leader (figures:publish) creates one. */
export function SurveysPage() {
  const { t } = useTranslation();
  const me = useMe();
  const surveys = useSurveysApi();
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(
    (signal: AbortSignal) =>
      region ? surveys.list(region.id, signal) : Promise.resolve({ items: [] as Survey[] }),
    [surveys, region],
  );
  const list = useAsync(load);
  const mayCreate = me.permissions.includes('figures:publish');
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('surveys.title')}
        subtitle={t('surveys.subtitle')}
        titleTestId="surveys-title"
        extra={
          mayCreate && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="survey-new">
              {t('surveys.create')}
            </Button>
          )
        }
      />
      <RegionTreeSelect
        value={region}
        onChange={setRegion}
        placeholder={t('surveys.region')}
        testId="surveys-region"
        pickFirst
        maxWidth={320}
      />
      {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Survey>
        rowKey="id"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('surveys.empty') }}
        data-testid="survey-list"
        columns={[
          {
            key: 'title',
            title: t('surveys.name'),
            render: (_, s) => (
              <a href={`/surveys/${s.id}`} onClick={(e) => followLink(e, `/surveys/${s.id}`)}>
                {s.title}
              </a>
            ),
          },
          { key: 'region', title: t('surveys.region'), render: (_, s) => s.region.name },
          {
            key: 'period',
            title: t('surveys.period'),
            render: (_, s) => t('surveys.periodText', { from: s.from, to: s.to }),
          },
          { key: 'questions', title: t('surveys.questions'), render: (_, s) => s.questions.length },
          { key: 'responses', title: t('surveys.responses'), dataIndex: 'responses' },
        ]}
      />
      {creating && <NewSurveyModal onClose={() => setCreating(false)} />}
    </Flex>
  );
}

interface Draft {
  kind: 'rating' | 'choice';
  text: string;
  options: string;
}

const toQuestion = (d: Draft): SurveyQuestion =>
  d.kind === 'rating'
    ? { kind: 'rating', text: d.text.trim() }
    : {
        kind: 'choice',
        text: d.text.trim(),
        options: d.options
          .split('\n')
          .map((o) => o.trim())
          .filter((o) => o !== ''),
      };

const fits = (d: Draft) => {
  const q = toQuestion(d);
  return q.text !== '' && (q.kind === 'rating' || (q.options.length >= 2 && q.options.length <= 6));
};

function NewSurveyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const surveys = useSurveysApi();
  const today = cstDay(new Date());
  const [title, setTitle] = useState('');
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [drafts, setDrafts] = useState<Draft[]>(
    Array.from({ length: SURVEY_QUESTIONS_MIN }, () => ({ kind: 'rating', text: '', options: '' })),
  );
  const { busy, save } = useToastSave();
  const ready = title.trim() !== '' && region !== null && from !== '' && to !== '' && drafts.every(fits);
  const edit = (i: number, patch: Partial<Draft>) =>
    setDrafts((all) => all.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const submit = async () => {
    if (!ready || !region) return;
    let id = '';
    await save(
      async () => {
        id = (
          await surveys.create({
            title: title.trim(),
            regionId: region.id,
            from,
            to,
            questions: drafts.map(toQuestion),
          })
        ).id;
      },
      t('surveys.created'),
      () => navigate(`/surveys/${id}`),
    );
  };
  return (
    <Modal
      open
      width={640}
      title={t('surveys.create')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !ready, id: 'survey-save' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('surveys.name')} required>
          <Input
            value={title}
            maxLength={100}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="survey-name"
          />
        </Form.Item>
        <Form.Item label={t('surveys.region')} required>
          <RegionTreeSelect
            value={region}
            onChange={setRegion}
            placeholder={t('surveys.region')}
            testId="survey-region"
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item label={t('surveys.from')} required style={{ flex: 1 }}>
            <DateField value={from} onChange={setFrom} data-testid="survey-from" />
          </Form.Item>
          <Form.Item label={t('surveys.to')} required style={{ flex: 1 }}>
            <DateField value={to} onChange={setTo} data-testid="survey-to" />
          </Form.Item>
        </Flex>
        {drafts.map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions are edited in place and have no id yet.
          <Flex key={i} gap={8} align="start" wrap>
            <Select
              style={{ width: 180 }}
              value={d.kind}
              onChange={(kind) => edit(i, { kind })}
              options={(['rating', 'choice'] as const).map((k) => ({
                value: k,
                label: t(`surveys.kinds.${k}`),
              }))}
            />
            <Flex vertical gap={4} style={{ flex: 1, minWidth: 200 }}>
              <Input
                placeholder={t('surveys.questionText')}
                value={d.text}
                maxLength={200}
                onChange={(e) => edit(i, { text: e.target.value })}
              />
              {d.kind === 'choice' && (
                <Input.TextArea
                  placeholder={t('surveys.optionsHelp')}
                  value={d.options}
                  autoSize={{ minRows: 2 }}
                  onChange={(e) => edit(i, { options: e.target.value })}
                />
              )}
            </Flex>
            <Button
              disabled={drafts.length <= SURVEY_QUESTIONS_MIN}
              onClick={() => setDrafts((all) => all.filter((_, k) => k !== i))}
            >
              {t('surveys.removeQuestion')}
            </Button>
          </Flex>
        ))}
        <Button
          style={{ marginTop: 8 }}
          disabled={drafts.length >= SURVEY_QUESTIONS_MAX}
          onClick={() => setDrafts((all) => [...all, { kind: 'rating', text: '', options: '' }])}
        >
          {t('surveys.addQuestion')}
        </Button>
      </Form>
    </Modal>
  );
}
