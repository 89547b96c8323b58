import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PERSONAL_KINDS,
  type PersonalKind,
  REASON_MAX,
  REASON_MIN,
  TRANSFER_KINDS,
  type TransferKind,
} from '../../../shared/domain/transfer.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { ExportProgress, useExportDownload } from './ExportProgress.tsx';
import { ExportRequestTable } from './ExportRequestTable.tsx';
import { ReviewRequests } from './ReviewRequests.tsx';
import { saveFile } from './save-file.ts';
import { exportPath, useTransferApi } from './transfer-api.ts';

/** A refused download's message: the daily limit says when to try again. */
export function downloadErrorText(error: ApiError, t: TFunction): string {
  if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined) {
    return t('transfer.export.retryAfter', { hours: Math.max(1, Math.ceil(error.retryAfterSeconds / 3600)) });
  }
  return t(error.messageKey);
}

/**
 * /admin/exports: holders of data:export download masked exports of a region of their scope,
 * ask for an export with personal data in full and download it once approved; security
 * administrators (exports:approve) decide on the requests. Each part shows only to those who
 * hold its permission.
 */
export function ExportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canExport = me.permissions.includes('data:export');
  const canApprove = me.permissions.includes('exports:approve');
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('transfer.export.title')}
        // Someone who only decides on requests exports nothing: tell them what they decide on.
        subtitle={t(canExport ? 'transfer.export.subtitle' : 'transfer.export.approverSubtitle')}
      />
      {canExport && <Exporter />}
      {canApprove && <ReviewRequests />}
    </Flex>
  );
}

function Exporter() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useTransferApi();
  const [kind, setKind] = useState<TransferKind>('households');
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<{ key: string; error: ApiError } | null>(null);
  const exporting = useExportDownload();

  const loadMine = useCallback((signal: AbortSignal) => api.myRequests(signal), [api]);
  const mine = useAsync(loadMine);

  const download = async (
    key: string,
    kindToGet: TransferKind,
    options: { regionId?: string; requestId?: string },
  ) => {
    setBusy(key);
    setDownloadError(null);
    try {
      const file = await exporting.download(exportPath(kindToGet, options));
      const name = file.fileName ?? `${kindToGet}.xlsx`;
      saveFile(file.blob, name);
      message.success(t('transfer.export.downloaded', { file: name }));
    } catch (caught) {
      setDownloadError({ key, error: toApiError(caught) });
    } finally {
      setBusy(null);
      if (options.requestId) mine.reload();
    }
  };

  return (
    <>
      <Card title={t('transfer.export.masked')}>
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('transfer.export.maskedHint')}</Typography.Text>
          <Flex gap={12} wrap align="center">
            <Select<TransferKind>
              value={kind}
              onChange={setKind}
              options={TRANSFER_KINDS.map((k) => ({ value: k, label: t(`transfer.kinds.${k}`) }))}
              style={{ minWidth: 180 }}
              aria-label={t('transfer.kind')}
              data-testid="export-kind"
            />
            <div style={{ flex: '1 1 240px', maxWidth: 360 }}>
              <ExportRegion value={region} onChange={setRegion} testId="export-region" />
            </div>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={busy === 'masked'}
              disabled={busy !== null}
              data-testid="export-masked"
              onClick={() => download('masked', kind, region ? { regionId: region.id } : {})}
            >
              {t('transfer.export.downloadMasked')}
            </Button>
          </Flex>
          {exporting.running && busy === 'masked' && (
            <ExportProgress progress={exporting.progress} testId="export-progress" />
          )}
          {downloadError?.key === 'masked' && <DownloadError error={downloadError.error} />}
        </Flex>
      </Card>
      <AskForExport onAsked={mine.reload} />
      <Card title={t('transfer.export.mine')}>
        {mine.status === 'error' && <ApiErrorAlert error={mine.error} onRetry={mine.reload} />}
        {exporting.running && busy !== 'masked' && (
          <ExportProgress progress={exporting.progress} testId="export-full-progress" />
        )}
        {downloadError && downloadError.key !== 'masked' && <DownloadError error={downloadError.error} />}
        <ExportRequestTable
          requests={mine.data ?? []}
          loading={mine.status === 'loading'}
          emptyText={t('transfer.export.mineEmpty')}
          testId="my-requests"
          action={(request) =>
            request.actions.includes('download') ? (
              <Button
                size="small"
                type="primary"
                icon={<DownloadOutlined />}
                loading={busy === request.id}
                disabled={busy !== null}
                data-testid="download-full"
                onClick={() =>
                  download(request.id, request.kind, { regionId: request.regionId, requestId: request.id })
                }
              >
                {t('transfer.export.downloadFull')}
              </Button>
            ) : null
          }
        />
      </Card>
    </>
  );
}

/** A refused download: the daily limit's wait spelled out, anything else as every API error. */
/** The region an export covers: the caller's top region until they pick another. */
function ExportRegion({
  value,
  onChange,
  testId,
}: {
  value: PickedRegion | null;
  onChange: (region: PickedRegion | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <RegionTreeSelect
      pickFirst
      maxWidth={360}
      value={value}
      onChange={onChange}
      placeholder={t('transfer.regionPlaceholder')}
      testId={testId}
    />
  );
}

function DownloadError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  return (
    <div data-testid="export-error">
      {error.code === 'RATE_LIMITED' ? (
        <Alert type="error" showIcon title={downloadErrorText(error, t)} />
      ) : (
        <ApiErrorAlert error={error} />
      )}
    </div>
  );
}

function AskForExport({ onAsked }: { onAsked: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useTransferApi();
  const [kind, setKind] = useState<PersonalKind>('households');
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const tooShort = reason.trim().length < REASON_MIN;

  const submit = async () => {
    if (!region || tooShort) return;
    setBusy(true);
    setError(null);
    try {
      await api.ask({ kind, regionId: region.id, reason: reason.trim() });
      message.success(t('transfer.export.submitted'));
      setReason('');
      onAsked();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('transfer.export.requestTitle')}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('transfer.export.requestHint')}</Typography.Text>
        <Form layout="vertical" style={{ maxWidth: 560 }} onFinish={submit}>
          <Form.Item label={t('transfer.kind')}>
            <Select<PersonalKind>
              value={kind}
              onChange={setKind}
              options={PERSONAL_KINDS.map((k) => ({ value: k, label: t(`transfer.kinds.${k}`) }))}
              data-testid="request-kind"
            />
          </Form.Item>
          <Form.Item label={t('transfer.region')}>
            <ExportRegion value={region} onChange={setRegion} testId="request-region" />
          </Form.Item>
          <Form.Item
            label={t('transfer.export.reason')}
            validateStatus={reason !== '' && tooShort ? 'warning' : undefined}
            help={reason !== '' && tooShort ? t('transfer.export.reasonTooShort') : undefined}
          >
            <Input.TextArea
              value={reason}
              maxLength={REASON_MAX}
              showCount
              autoSize={{ minRows: 2, maxRows: 5 }}
              placeholder={t('transfer.export.reasonPlaceholder')}
              onChange={(event) => setReason(event.target.value)}
              data-testid="request-reason"
            />
          </Form.Item>
          {error && <ApiErrorAlert error={error} />}
          <Button
            type="primary"
            htmlType="submit"
            loading={busy}
            disabled={!region || tooShort}
            data-testid="request-submit"
            style={{ marginTop: error ? 12 : 0 }}
          >
            {t('transfer.export.submit')}
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}
