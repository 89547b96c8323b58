import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Progress,
  Select,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Progress as RunProgress } from '../../../shared/domain/progress.ts';
import {
  type ImportResultView,
  type ImportRun,
  TRANSFER_KINDS,
  type TransferKind,
} from '../../../shared/domain/transfer.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { followProgress, progressPercent } from './follow-progress.ts';
import { saveFile, uploadType } from './save-file.ts';
import { useTransferApi } from './transfer-api.ts';

const TIME = 'YYYY-MM-DD HH:mm';
const COUNT_KEYS = ['inserted', 'updated', 'unchanged', 'rejected'] as const;

// Stored summaries come back with their keys reordered (jsonb): show them in a fixed order.
const RECORD_ORDER = ['regions', 'households', 'persons', 'enterprises', 'staff'];
const rank = (type: string) =>
  RECORD_ORDER.includes(type) ? RECORD_ORDER.indexOf(type) : RECORD_ORDER.length;
const countsInOrder = (result: ImportResultView) =>
  Object.entries(result.counts).sort(([a], [b]) => rank(a) - rank(b));

type UploadOutcome = { runId: string; result: ImportResultView };

/**
 * /admin/imports: the system administrator loads spreadsheets through the web — choose the
 * kind, download its template, upload a file, see the counts and download the validation
 * report; recent imports of the district stay listed with their reports.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useTransferApi();
  const [kind, setKind] = useState<TransferKind>('households');
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<UploadOutcome | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<RunProgress | null>(null);

  const loadRuns = useCallback((signal: AbortSignal) => api.recentImports(signal), [api]);
  const runs = useAsync(loadRuns);

  const download = async (
    fetch: () => Promise<{ blob: Blob; fileName: string | null }>,
    fallback: string,
  ) => {
    try {
      const file = await fetch();
      saveFile(file.blob, file.fileName ?? fallback);
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    }
  };

  const upload = async (file: File) => {
    setBusy(file.name);
    setDone(null);
    setFailure(null);
    setProgress(null);
    let stopFollowing = () => {};
    try {
      // The run is reserved first so its progress can be followed while the file goes up.
      const { id } = await api.reserveImport(kind);
      stopFollowing = followProgress('import', id, setProgress);
      const typed = new Blob([file], { type: uploadType(file.name, file.type) });
      setDone(await api.upload(kind, typed, file.name, id));
      runs.reload();
    } catch (caught) {
      setFailure(toApiError(caught));
    } finally {
      stopFollowing();
      setBusy(null);
    }
  };

  const recordLabel = (type: string) => t(`transfer.import.recordTypes.${type}`, { defaultValue: type });

  const runColumns: TableColumnsType<ImportRun> = [
    {
      key: 'time',
      title: t('transfer.time'),
      width: 150,
      render: (_v, run) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(run.createdAt).format(TIME)}</span>,
    },
    {
      key: 'kind',
      title: t('transfer.kind'),
      width: 110,
      render: (_v, run) => t(`transfer.kinds.${run.kind}`),
    },
    { key: 'file', title: t('transfer.import.file'), dataIndex: 'fileName', ellipsis: true },
    { key: 'by', title: t('transfer.import.by'), dataIndex: 'createdBy', width: 150 },
    {
      key: 'outcome',
      title: t('transfer.import.outcome'),
      render: (_v, run) =>
        countsInOrder(run.result).map(([type, counts]) => (
          <div key={type} style={{ whiteSpace: 'nowrap' }}>
            {t('transfer.import.outcomeText', { type: recordLabel(type), ...counts })}
          </div>
        )),
    },
    {
      key: 'report',
      title: t('transfer.actions'),
      width: 150,
      render: (_v, run) =>
        run.hasReport ? (
          <Button
            size="small"
            icon={<DownloadOutlined />}
            data-testid="run-report"
            onClick={() => download(() => api.report(run.id), `import-report-${run.id}.xlsx`)}
          >
            {t('transfer.import.report')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('transfer.import.reportCleared')}</Typography.Text>
        ),
    },
  ];

  const problem = failure?.problem?.errors?.[0]?.reason;
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('transfer.import.title')} subtitle={t('transfer.import.subtitle')} />
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={12} wrap align="center">
            <Select<TransferKind>
              value={kind}
              onChange={(next) => {
                setKind(next);
                setDone(null);
                setFailure(null);
              }}
              options={TRANSFER_KINDS.map((k) => ({ value: k, label: t(`transfer.kinds.${k}`) }))}
              style={{ minWidth: 180 }}
              aria-label={t('transfer.kind')}
              data-testid="import-kind"
            />
            <Button
              icon={<DownloadOutlined />}
              data-testid="import-template"
              onClick={() => download(() => api.template(kind), `${kind}-template.xlsx`)}
            >
              {t('transfer.import.template')}
            </Button>
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              disabled={busy !== null}
              customRequest={({ file }) => {
                void upload(file as File);
              }}
            >
              <Button
                type="primary"
                icon={<UploadOutlined />}
                loading={busy !== null}
                data-testid="import-upload"
              >
                {t('transfer.import.upload')}
              </Button>
            </Upload>
          </Flex>
          <Typography.Text type="secondary">{t('transfer.import.uploadHint')}</Typography.Text>
          {busy && (
            <Flex vertical gap={8} data-testid="import-progress">
              <Alert type="info" showIcon title={t('transfer.import.uploading', { file: busy })} />
              <Progress percent={progressPercent(progress)} status="active" />
              <Typography.Text type="secondary" data-testid="import-progress-text">
                {progress?.state === 'writing'
                  ? t('transfer.import.progress.writing', { done: progress.done, total: progress.total ?? 0 })
                  : t(`transfer.import.progress.${progress?.state === 'reading' ? 'reading' : 'sending'}`)}
              </Typography.Text>
            </Flex>
          )}
          {failure && (
            <div data-testid="import-error">
              {failure.code === 'PAYLOAD_TOO_LARGE' ? (
                <Alert type="error" showIcon title={t('transfer.import.tooLarge')} />
              ) : problem?.startsWith('file.') ? (
                <Alert
                  type="error"
                  showIcon
                  title={t(`transfer.import.fileProblems.${problem}`, {
                    defaultValue: t(failure.messageKey),
                  })}
                  description={failure.problem?.detail}
                />
              ) : (
                <ApiErrorAlert error={failure} />
              )}
            </div>
          )}
          {done && <ImportOutcome upload={done} recordLabel={recordLabel} onReport={download} />}
        </Flex>
      </Card>
      <Card title={t('transfer.import.recent')}>
        {runs.status === 'error' && <ApiErrorAlert error={runs.error} onRetry={runs.reload} />}
        <Table<ImportRun>
          rowKey="id"
          size="middle"
          columns={runColumns}
          dataSource={runs.data ?? []}
          loading={runs.status === 'loading'}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('transfer.import.recentEmpty') }}
          data-testid="import-runs"
        />
      </Card>
    </Flex>
  );
}

function ImportOutcome({
  upload,
  recordLabel,
  onReport,
}: {
  upload: UploadOutcome;
  recordLabel: (type: string) => string;
  onReport: (fetch: () => Promise<{ blob: Blob; fileName: string | null }>, fallback: string) => void;
}) {
  const { t } = useTranslation();
  const api = useTransferApi();
  const { result, runId } = upload;
  const rows = countsInOrder(result).map(([type, counts]) => ({ type, ...counts }));
  return (
    <Flex vertical gap={12} data-testid="import-result">
      <Alert
        type={result.issueCount > 0 ? 'warning' : 'success'}
        showIcon
        title={t('transfer.import.resultTitle', { file: result.fileName })}
        description={t('transfer.import.resultSummary', { rows: result.rows, issues: result.issueCount })}
      />
      <Table
        rowKey="type"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 480 }}
        columns={[
          { key: 'type', title: t('transfer.import.recordType'), render: (_v, row) => recordLabel(row.type) },
          ...COUNT_KEYS.map((key) => ({
            key,
            title: t(`transfer.import.${key}`),
            align: 'right' as const,
            render: (_v: unknown, row: (typeof rows)[number]) => (
              <span data-testid={`count-${row.type}-${key}`}>{row[key]}</span>
            ),
          })),
        ]}
      />
      <div>
        <Button
          icon={<DownloadOutlined />}
          data-testid="import-report"
          onClick={() => onReport(() => api.report(runId), `import-report-${runId}.xlsx`)}
        >
          {t('transfer.import.report')}
        </Button>
      </div>
    </Flex>
  );
}
