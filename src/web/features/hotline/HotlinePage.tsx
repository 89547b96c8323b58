import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, type TableColumnsType, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotlineImportReport, HotlineOrder, HotlinePushState } from '../../../shared/domain/hotline.ts';
import { HOTLINE_COLUMNS } from '../../../shared/hotline/hotline-order.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink } from '../../app/router.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { casePath } from '../cases/cases-path.ts';
import { uploadType } from '../transfer/save-file.ts';
import { useHotlineApi } from './hotline-api.ts';

const TIME = 'YYYY-MM-DD HH:mm';
const PUSH_COLOURS: Record<HotlinePushState, string> = {
  none: 'default',
  pending: 'processing',
  delivered: 'success',
  failed: 'error',
};

type ReportRow = HotlineImportReport['rows'][number];

/**
 * /hotline: the 12345 orders taken in (newest first) with their cases, the platform's time limit
 * and whether the reply went back; a dispatcher imports the platform's exported file here and
 * sees what became of each row.
 */
export function HotlinePage() {
  const { t } = useTranslation();
  const api = useHotlineApi();
  const loadOrders = useCallback((signal: AbortSignal) => api.orders(signal), [api]);
  const orders = useAsync(loadOrders);
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<HotlineImportReport | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const upload = async (file: File) => {
    setBusy(file.name);
    setReport(null);
    setFailure(null);
    try {
      setReport(await api.importFile(new Blob([file], { type: uploadType(file.name, file.type) })));
      orders.reload();
    } catch (caught) {
      setFailure(toApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const time = (iso: string | null) =>
    iso ? <span style={{ whiteSpace: 'nowrap' }}>{dayjs(iso).format(TIME)}</span> : t('hotline.noDeadline');

  const orderColumns: TableColumnsType<HotlineOrder> = [
    { key: 'order', title: t('hotline.orderNumber'), dataIndex: 'orderNumber', width: 150 },
    {
      key: 'source',
      title: t('hotline.source'),
      width: 110,
      render: (_v, o) => t(`hotline.sources.${o.source}`),
    },
    { key: 'received', title: t('hotline.receivedAt'), width: 150, render: (_v, o) => time(o.receivedAt) },
    { key: 'deadline', title: t('hotline.deadlineAt'), width: 150, render: (_v, o) => time(o.deadlineAt) },
    {
      key: 'case',
      title: t('hotline.case'),
      render: (_v, o) => (
        <a href={casePath(o.caseId)} onClick={(event) => followLink(event, casePath(o.caseId))}>
          {o.caseNumber} {o.title}
        </a>
      ),
    },
    {
      key: 'state',
      title: t('hotline.caseState'),
      width: 120,
      render: (_v, o) => t(`cases.states.${o.caseState}`),
    },
    {
      key: 'push',
      title: t('hotline.push'),
      width: 120,
      render: (_v, o) => (
        <Tag color={PUSH_COLOURS[o.push]} title={o.pushError ?? undefined} data-testid="hotline-push">
          {t(`hotline.pushStates.${o.push}`)}
        </Tag>
      ),
    },
  ];

  const reportColumns: TableColumnsType<ReportRow> = [
    { key: 'row', title: t('hotline.row'), dataIndex: 'row', width: 70 },
    { key: 'order', title: t('hotline.orderNumber'), dataIndex: 'orderNumber', width: 150 },
    {
      key: 'outcome',
      title: t('hotline.outcome'),
      width: 120,
      render: (_v, r) => t(`hotline.outcomes.${r.outcome}`),
    },
    { key: 'case', title: t('hotline.caseNumber'), width: 160, render: (_v, r) => r.caseNumber ?? '' },
    {
      key: 'reason',
      title: t('hotline.reason'),
      render: (_v, r) => (r.reason ? t(`hotline.reasons.${r.reason}`) : ''),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('hotline.title')} subtitle={t('hotline.subtitle')} />
      <Card>
        <Flex vertical gap={12}>
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
              data-testid="hotline-upload"
            >
              {t('hotline.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            {t('hotline.uploadHint', { columns: Object.values(HOTLINE_COLUMNS).join(' / ') })}
          </Typography.Text>
          {busy && <Alert type="info" showIcon title={t('hotline.uploading', { file: busy })} />}
          {failure && <ApiErrorAlert error={failure} />}
          {report && (
            <Flex vertical gap={8} data-testid="hotline-report">
              <Alert
                type={report.counts.refused > 0 ? 'warning' : 'success'}
                showIcon
                title={t('hotline.reportTitle', report.counts)}
              />
              <Table<ReportRow>
                rowKey="row"
                size="small"
                columns={reportColumns}
                dataSource={report.rows}
                pagination={report.rows.length > 20 ? { pageSize: 20 } : false}
                scroll={{ x: 640 }}
              />
            </Flex>
          )}
        </Flex>
      </Card>
      <Card title={t('hotline.orders')}>
        {orders.status === 'error' && <ApiErrorAlert error={orders.error} onRetry={orders.reload} />}
        <Table<HotlineOrder>
          rowKey="orderNumber"
          size="middle"
          columns={orderColumns}
          dataSource={orders.data?.items ?? []}
          loading={orders.status === 'loading'}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('hotline.empty') }}
        />
      </Card>
    </Flex>
  );
}
