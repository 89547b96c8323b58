import { Alert, App, Button, Card, Flex, Input, Modal, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ExportRequest, NOTE_MAX } from '../../../shared/domain/transfer.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { ExportRequestTable } from './ExportRequestTable.tsx';
import { useTransferApi } from './transfer-api.ts';

type Decision = { request: ExportRequest; approve: boolean };

const OK_TEST_ID = { 'data-testid': 'decision-ok' };

/** The security administrator's queue: pending requests first, each approved or refused with a note. */
export function ReviewRequests() {
  const { t } = useTranslation();
  const api = useTransferApi();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const load = useCallback((signal: AbortSignal) => api.requestsToReview(signal), [api]);
  const requests = useAsync(load);

  return (
    <Card title={t('transfer.export.review')}>
      {requests.status === 'error' && <ApiErrorAlert error={requests.error} onRetry={requests.reload} />}
      <ExportRequestTable
        requests={requests.data ?? []}
        loading={requests.status === 'loading'}
        emptyText={t('transfer.export.reviewEmpty')}
        showRequester
        testId="review-requests"
        action={(request) =>
          request.actions.includes('approve') ? (
            <Flex gap={8} wrap>
              <Button
                size="small"
                type="primary"
                data-testid="approve-request"
                onClick={() => setDeciding({ request, approve: true })}
              >
                {t('transfer.export.approve')}
              </Button>
              <Button
                size="small"
                danger
                data-testid="refuse-request"
                onClick={() => setDeciding({ request, approve: false })}
              >
                {t('transfer.export.refuse')}
              </Button>
            </Flex>
          ) : null
        }
      />
      <DecisionModal
        decision={deciding}
        onClose={() => setDeciding(null)}
        onDecided={() => {
          setDeciding(null);
          requests.reload();
        }}
      />
    </Card>
  );
}

function DecisionModal({
  decision,
  onClose,
  onDecided,
}: {
  decision: Decision | null;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useTransferApi();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const approve = decision?.approve ?? true;
  const request = decision?.request;
  const noteMissing = !approve && note.trim().length < 2;

  return (
    <Modal
      open={decision !== null}
      title={t(approve ? 'transfer.export.approveTitle' : 'transfer.export.refuseTitle')}
      okText={t(approve ? 'transfer.export.approve' : 'transfer.export.refuse')}
      okButtonProps={{ danger: !approve, disabled: noteMissing, ...OK_TEST_ID }}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => {
        setNote('');
        setError(null);
      }}
      onCancel={onClose}
      onOk={async () => {
        if (!request || noteMissing) return;
        setBusy(true);
        setError(null);
        try {
          await (approve ? api.approve(request.id, note) : api.refuse(request.id, note));
          message.success(t(approve ? 'transfer.export.approved' : 'transfer.export.refused'));
          onDecided();
        } catch (caught) {
          setError(toApiError(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      {request && (
        <Flex vertical gap={12} data-testid="decision-modal">
          <Typography.Text>
            {request.requestedBy.name} · {t(`transfer.kinds.${request.kind}`)} · {request.regionName}
          </Typography.Text>
          <Typography.Paragraph style={{ margin: 0 }}>{request.reason}</Typography.Paragraph>
          {approve && (
            <Alert
              type="warning"
              showIcon
              title={t('transfer.export.approveConfirm', {
                name: request.requestedBy.name,
                region: request.regionName,
                kind: t(`transfer.kinds.${request.kind}`),
              })}
            />
          )}
          <Input.TextArea
            value={note}
            maxLength={NOTE_MAX}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t(
              approve ? 'transfer.export.notePlaceholder' : 'transfer.export.refuseNotePlaceholder',
            )}
            aria-label={t('transfer.export.note')}
            onChange={(event) => setNote(event.target.value)}
            data-testid="decision-note"
          />
          {error && <ApiErrorAlert error={error} />}
        </Flex>
      )}
    </Modal>
  );
}
