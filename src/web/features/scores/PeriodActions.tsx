import { Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreTable } from '../../../shared/domain/scores.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useDialogAction } from '../../components/use-dialog-action.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';

/** Preset reasons for reopening a closed period; the last takes the leader's own words. */
const REOPEN_REASONS = ['correction', 'appeal', 'other'] as const;

/**
 * Closing a period (its scores frozen and audited) and reopening it, offered only as the table's
 * `actions` say: the server decides who may and when (an ended period; a district's period and
 * every reopening need a district-wide publisher).
 */
export function PeriodActions({
  table,
  onClose,
  onReopen,
  onDone,
}: {
  table: ScoreTable;
  onClose: () => Promise<unknown>;
  onReopen: (periodId: string, reason: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'close' | 'reopen' | null>(null);
  const closing = useDialogAction();
  const done = () => {
    setDialog(null);
    onDone();
  };
  const { periodId } = table;
  return (
    <>
      {table.actions.includes('close') && (
        <Button type="primary" onClick={() => setDialog('close')} data-testid="scores-close">
          {t('scores.close.button')}
        </Button>
      )}
      {table.actions.includes('reopen') && periodId && (
        <Button danger onClick={() => setDialog('reopen')} data-testid="scores-reopen">
          {t('scores.reopen.button')}
        </Button>
      )}
      <Modal
        open={dialog === 'close'}
        title={t('scores.close.title', { region: table.region.name, ...table.period })}
        okText={t('scores.close.ok')}
        cancelText={t('scores.cancel')}
        okButtonProps={{ 'data-testid': 'scores-close-confirm' } as never}
        confirmLoading={closing.busy}
        destroyOnHidden
        afterClose={closing.reset}
        onCancel={() => setDialog(null)}
        onOk={() =>
          closing.run(async () => {
            await onClose();
            done();
          })
        }
      >
        <Typography.Paragraph>{t('scores.close.lead')}</Typography.Paragraph>
        {closing.error && <ApiErrorAlert error={closing.error} testId="scores-close-error" />}
      </Modal>
      {periodId && (
        <ReasonModal
          open={dialog === 'reopen'}
          title={t('scores.reopen.title', { region: table.region.name, ...table.period })}
          okText={t('scores.reopen.ok')}
          cancelText={t('scores.cancel')}
          danger
          lead={<Typography.Text>{t('scores.reopen.lead')}</Typography.Text>}
          warning={t('scores.reopen.warning')}
          reasonTitle={t('scores.reopen.reasonTitle')}
          reasons={REOPEN_REASONS}
          reasonLabel={(r) => t(`scores.reopen.reasons.${r}`)}
          otherPlaceholder={t('scores.reopen.otherPlaceholder')}
          testId="scores-reopen-dialog"
          onConfirm={async (reason) => {
            await onReopen(periodId, reason);
            done();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
