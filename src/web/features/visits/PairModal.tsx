import { Form, Modal, Select } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cstDay } from '../../../shared/time/china-time.ts';
import { useAsync } from '../../api/use-async.ts';
import { DateField } from '../../components/DateField.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useVisitsApi } from './visits-api.ts';

/** A new pair: mentor and mentee chosen among the active accounts of the planner's area. */
export function PairModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const visits = useVisitsApi();
  const load = useCallback((signal: AbortSignal) => visits.candidates(signal), [visits]);
  const candidates = useAsync(load);
  const [mentorId, setMentorId] = useState<string>();
  const [menteeId, setMenteeId] = useState<string>();
  const [startedOn, setStartedOn] = useState(cstDay(new Date()));
  const { busy, save: saveWith } = useToastSave();
  const options = (candidates.data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${c.displayName}（${c.scopeName}）`,
  }));
  const save = async () => {
    if (!mentorId || !menteeId) return;
    await saveWith(
      () => visits.pair({ mentorId, menteeId, startedOn }),
      t('visits.mentoring.created'),
      onSaved,
    );
  };
  const select = (value: string | undefined, onChange: (v: string) => void, testId: string) => (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      options={options}
      loading={candidates.status === 'loading'}
      placeholder={t('visits.mentoring.pickPerson')}
      data-testid={testId}
    />
  );
  return (
    <Modal
      open
      title={t('visits.mentoring.createTitle')}
      okText={t('visits.mentoring.save')}
      cancelText={t('visits.mentoring.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !mentorId || !menteeId || mentorId === menteeId || !startedOn }}
    >
      {candidates.status === 'error' && (
        <ApiErrorAlert error={candidates.error} onRetry={candidates.reload} />
      )}
      <Form layout="vertical">
        <Form.Item label={t('visits.mentoring.mentor')} required>
          {select(mentorId, setMentorId, 'pair-mentor')}
        </Form.Item>
        <Form.Item label={t('visits.mentoring.mentee')} required>
          {select(menteeId, setMenteeId, 'pair-mentee')}
        </Form.Item>
        <Form.Item label={t('visits.mentoring.startedOn')} required>
          <DateField value={startedOn} onChange={setStartedOn} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
