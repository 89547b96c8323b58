import { Table, type TableProps } from 'antd';
import type { AsyncState } from '../api/use-async.ts';
import { ApiErrorAlert } from '../errors/ApiErrorAlert.tsx';

/**
 * A table of what one request loaded (useAsync): its failure with a retry above the table, the
 * table loading while the request is out. The server answers such lists whole; `pageSize` pages
 * them here (no paging without it).
 */
export function LoadedTable<Row extends object>({
  result,
  rows,
  emptyText,
  scrollX,
  pageSize,
  size = 'small',
  rowKey,
  columns,
  testId,
}: {
  result: AsyncState<unknown> & { reload: () => void };
  rows: Row[] | undefined;
  emptyText: string;
  scrollX: number;
  pageSize?: number;
  size?: TableProps<Row>['size'];
  rowKey: TableProps<Row>['rowKey'];
  columns: TableProps<Row>['columns'];
  testId?: string;
}) {
  return (
    <>
      {result.status === 'error' && <ApiErrorAlert error={result.error} onRetry={result.reload} />}
      <Table<Row>
        rowKey={rowKey}
        size={size}
        loading={result.status === 'loading'}
        dataSource={rows ?? []}
        pagination={pageSize ? { pageSize, hideOnSinglePage: true } : false}
        scroll={{ x: scrollX }}
        locale={{ emptyText }}
        columns={columns}
        data-testid={testId}
      />
    </>
  );
}
