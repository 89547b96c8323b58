import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportRequest, ExportRequestStatus } from '../../../shared/domain/transfer.ts';

const TIME = 'YYYY-MM-DD HH:mm';
const STATUS_COLORS: Record<ExportRequestStatus, string> = {
  pending: 'processing',
  approved: 'success',
  refused: 'error',
  used: 'default',
  expired: 'warning',
};

/** Export requests with their status; `action` renders what the caller may do with each. */
export function ExportRequestTable({
  requests,
  loading,
  emptyText,
  action,
  showRequester = false,
  testId,
}: {
  requests: ExportRequest[];
  loading: boolean;
  emptyText: string;
  action: (request: ExportRequest) => ReactNode;
  showRequester?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const time = (iso: string | null) => (iso ? dayjs(iso).format(TIME) : '');
  const columns: TableColumnsType<ExportRequest> = [
    {
      key: 'requestedAt',
      title: t('transfer.export.requestedAt'),
      width: 140,
      render: (_v, r) => <span style={{ whiteSpace: 'nowrap' }}>{time(r.requestedAt)}</span>,
    },
    ...(showRequester
      ? [
          {
            key: 'requester',
            title: t('transfer.export.requester'),
            width: 160,
            render: (_v: unknown, r: ExportRequest) => r.requestedBy.name,
          },
        ]
      : []),
    { key: 'kind', title: t('transfer.kind'), width: 120, render: (_v, r) => t(`transfer.kinds.${r.kind}`) },
    { key: 'region', title: t('transfer.region'), dataIndex: 'regionName', width: 140 },
    { key: 'reason', title: t('transfer.export.reason'), dataIndex: 'reason' },
    {
      key: 'status',
      title: t('transfer.export.decision'),
      width: 220,
      render: (_v, r) => (
        <div>
          <Tag color={STATUS_COLORS[r.status]} data-testid="request-status">
            {t(`transfer.export.status.${r.status}`)}
          </Tag>
          {r.status === 'approved' && r.expiresAt && (
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t('transfer.export.expiresAt')} {time(r.expiresAt)}
            </Typography.Text>
          )}
          {r.decisionNote && (
            <div>
              <Typography.Text type="secondary">
                {r.decidedBy ? `${r.decidedBy}：` : ''}
                {r.decisionNote}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { key: 'action', title: t('transfer.actions'), width: 170, render: (_v, r) => action(r) },
  ];
  return (
    <Table<ExportRequest>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={requests}
      loading={loading}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 960 }}
      locale={{ emptyText: loading ? ' ' : emptyText }}
      data-testid={testId}
    />
  );
}
