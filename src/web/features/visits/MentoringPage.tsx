import { App, Button, Card, Flex, Input, Modal, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentorPair } from '../../../shared/domain/mentoring.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { CreateButton } from '../../components/CreateButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { MyMentees } from './MyMentees.tsx';
import { PairModal } from './PairModal.tsx';
import { visitsApi } from './visits-api.ts';

/** /visits/mentoring: the pairs in the caller's area, new pairs and ending them, and one's own mentees. */
export function MentoringPage() {
  const { t } = useTranslation();
  const api = useApi();
  const visits = useMemo(() => visitsApi(api), [api]);
  const load = useCallback((signal: AbortSignal) => visits.pairs(undefined, signal), [visits]);
  const result = useAsync(load);
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<MentorPair | null>(null);

  const columns: TableColumnsType<MentorPair> = [
    { key: 'mentor', title: t('visits.mentoring.mentor'), render: (_v, p) => p.mentor.displayName },
    { key: 'mentee', title: t('visits.mentoring.mentee'), render: (_v, p) => p.mentee.displayName },
    { key: 'place', title: t('visits.mentoring.place'), width: 160, render: (_v, p) => p.mentee.scopeName },
    { key: 'started', title: t('visits.mentoring.startedOn'), dataIndex: 'startedOn', width: 120 },
    {
      key: 'ended',
      title: t('visits.mentoring.endedOn'),
      width: 120,
      render: (_v, p) => p.endedOn ?? <Tag color="green">{t('visits.mentoring.ongoing')}</Tag>,
    },
    {
      key: 'joint',
      title: t('visits.mentoring.joint'),
      dataIndex: 'jointVisits',
      width: 100,
      align: 'right',
    },
    {
      key: 'end',
      title: '',
      width: 110,
      render: (_v, p) =>
        p.actions.includes('end') && (
          <Button size="small" onClick={() => setEnding(p)}>
            {t('visits.mentoring.end')}
          </Button>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('visits.mentoring.title')}
        subtitle={t('visits.mentoring.subtitle')}
        titleTestId="mentoring-title"
        extra={
          result.data?.actions.includes('create') && (
            <CreateButton onClick={() => setCreating(true)} testId="mentor-pair-create">
              {t('visits.mentoring.create')}
            </CreateButton>
          )
        }
      />
      <MyMentees />
      <Card title={t('visits.mentoring.pairs')}>
        {result.status === 'error' && <ApiErrorAlert error={result.error} onRetry={result.reload} />}
        <Table<MentorPair>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={result.data?.items ?? []}
          loading={result.status === 'loading'}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          locale={{ emptyText: t('visits.mentoring.empty') }}
        />
      </Card>
      {creating && (
        <PairModal
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            result.reload();
          }}
        />
      )}
      {ending && (
        <EndPairModal
          pair={ending}
          onClose={() => setEnding(null)}
          onSaved={() => {
            setEnding(null);
            result.reload();
          }}
        />
      )}
    </Flex>
  );
}

function EndPairModal({
  pair,
  onClose,
  onSaved,
}: {
  pair: MentorPair;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [day, setDay] = useState(cstDay(new Date()));
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await visitsApi(api).endPair(pair.id, day);
      message.success(t('visits.mentoring.ended'));
      onSaved();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('visits.mentoring.endTitle', { name: pair.mentee.displayName })}
      okText={t('visits.mentoring.end')}
      cancelText={t('visits.mentoring.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !day || day < pair.startedOn }}
    >
      <Input
        type="date"
        value={day}
        min={pair.startedOn}
        onChange={(e) => setDay(e.target.value)}
        aria-label={t('visits.mentoring.endedOn')}
      />
    </Modal>
  );
}
