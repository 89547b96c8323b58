import { Button, Card, Flex, Modal, type TableColumnsType, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentorPair } from '../../../shared/domain/mentoring.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { useAsync } from '../../api/use-async.ts';
import { CreateButton } from '../../components/CreateButton.tsx';
import { DateField } from '../../components/DateField.tsx';
import { LoadedTable } from '../../components/LoadedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { MyMentees } from './MyMentees.tsx';
import { PairModal } from './PairModal.tsx';
import { useVisitsApi } from './visits-api.ts';

/** /visits/mentoring: the pairs in the caller's area, new pairs and ending them, and one's own mentees. */
export function MentoringPage() {
  const { t } = useTranslation();
  const visits = useVisitsApi();
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
        <LoadedTable<MentorPair>
          result={result}
          rows={result.data?.items}
          pageSize={20}
          size="middle"
          rowKey="id"
          scrollX={800}
          emptyText={t('visits.mentoring.empty')}
          columns={columns}
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
  const visits = useVisitsApi();
  const [day, setDay] = useState(cstDay(new Date()));
  const { busy, save: saveWith } = useToastSave();
  const save = () => saveWith(() => visits.endPair(pair.id, day), t('visits.mentoring.ended'), onSaved);
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
      <DateField
        value={day}
        min={pair.startedOn}
        onChange={setDay}
        aria-label={t('visits.mentoring.endedOn')}
      />
    </Modal>
  );
}
