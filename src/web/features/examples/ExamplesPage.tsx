import { Button, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXAMPLE_STATES, type Example, type ExampleState } from '../../../shared/domain/examples.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, navigate } from '../../app/router.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useExamplesApi } from './examples-api.ts';

type Row = Omit<Example, 'photos'>;

const STATE_COLORS: Record<ExampleState, string> = {
  proposed: 'blue',
  published: 'green',
  withdrawn: 'default',
};

/** The examples of a place: proposals, write-ups and published ones; propose a case or visit here. */
export function ExamplesPage() {
  const { t } = useTranslation();
  const examples = useExamplesApi();
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [state, setState] = useState<ExampleState | undefined>(undefined);
  const [proposing, setProposing] = useState(false);
  const load = useCallback(
    (signal: AbortSignal) =>
      region ? examples.list(region.id, state, signal) : Promise.resolve({ items: [] as Row[] }),
    [examples, region, state],
  );
  const list = useAsync(load);
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('examples.title')}
        subtitle={t('examples.subtitle')}
        titleTestId="examples-title"
        extra={
          <Flex gap={8}>
            {region && (
              <Button href={`/showcase/${region.id}`} target="_blank">
                {t('examples.publicLink')}
              </Button>
            )}
            <Button type="primary" onClick={() => setProposing(true)} data-testid="example-propose">
              {t('examples.propose')}
            </Button>
          </Flex>
        }
      />
      <Flex gap={12} wrap>
        <RegionTreeSelect
          value={region}
          onChange={setRegion}
          placeholder={t('examples.region')}
          testId="examples-region"
          pickFirst
          maxWidth={320}
        />
        <Select<ExampleState>
          allowClear
          style={{ width: 160 }}
          placeholder={t('examples.state')}
          value={state}
          onChange={(v) => setState(v)}
          options={EXAMPLE_STATES.map((s) => ({ value: s, label: t(`examples.states.${s}`) }))}
        />
      </Flex>
      {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Row>
        rowKey="id"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('examples.empty') }}
        data-testid="example-list"
        columns={[
          {
            key: 'title',
            title: t('examples.caseTitle'),
            render: (_, e) => (
              <a href={`/examples/${e.id}`} onClick={(ev) => followLink(ev, `/examples/${e.id}`)}>
                {e.title || t('examples.open')}
              </a>
            ),
          },
          {
            key: 'subject',
            title: t('examples.subject'),
            render: (_, e) => `${t(`examples.subjectKinds.${e.subject.kind}`)} ${e.subject.number ?? ''}`,
          },
          { key: 'place', title: t('examples.region'), dataIndex: 'regionName' },
          { key: 'day', title: t('examples.day'), render: (_, e) => e.subject.day },
          {
            key: 'state',
            title: t('examples.state'),
            render: (_, e) => <Tag color={STATE_COLORS[e.state]}>{t(`examples.states.${e.state}`)}</Tag>,
          },
        ]}
      />
      {proposing && <ProposeModal onClose={() => setProposing(false)} />}
    </Flex>
  );
}

function ProposeModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const examples = useExamplesApi();
  const [kind, setKind] = useState<'case' | 'visit'>('case');
  const [id, setId] = useState('');
  const { busy, save } = useToastSave();
  const ready = kind === 'case' ? id.trim() !== '' : /^[0-9a-fA-F-]{36}$/.test(id.trim());
  const submit = async () => {
    if (!ready) return;
    let created = '';
    await save(
      async () => {
        created = (await examples.propose({ subject: { kind, id: id.trim() } })).id;
      },
      t('examples.proposed'),
      () => navigate(`/examples/${created}`),
    );
  };
  return (
    <Modal
      open
      title={t('examples.propose')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !ready, id: 'example-propose-save' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('examples.subject')} required>
          <Select
            value={kind}
            onChange={setKind}
            options={(['case', 'visit'] as const).map((k) => ({
              value: k,
              label: t(`examples.subjectKinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('examples.subjectId')} required>
          <Input value={id} onChange={(e) => setId(e.target.value)} data-testid="example-subject-id" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
