import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AsyncState } from '../api/use-async.ts';
import { ApiErrorAlert } from '../errors/ApiErrorAlert.tsx';
import { hasNextPage, hasPreviousPage, pageCount, rowRange } from './cursor-paging.ts';
import { type CursorList, type CursorPage, LIST_PAGE_SIZE } from './use-cursor-list.ts';

/** A list's rows as a table, under its load error (if any); the paging bar is the caller's. */
export function ListRows<Row extends { id: string }>({
  result,
  rows,
  columns,
  scrollX,
  emptyText,
}: {
  result: AsyncState<unknown> & { reload: () => void };
  rows: readonly Row[];
  columns: TableColumnsType<Row>;
  scrollX: number;
  emptyText: string;
}) {
  const loading = result.status === 'loading';
  return (
    <>
      {result.status === 'error' && <ApiErrorAlert error={result.error} onRetry={result.reload} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: scrollX }}
        locale={{ emptyText: loading ? ' ' : emptyText }}
      />
    </>
  );
}

/**
 * The rows of a cursor-paged list (useCursorList) with its load error and the paging bar under
 * it: "rows 21–40 of 95", previous, "page 2 of 5", next.
 */
export function PagedTable<Row extends { id: string }>({
  list,
  columns,
  scrollX,
  messages,
  testId,
}: {
  list: CursorList<CursorPage<Row>>;
  columns: TableColumnsType<Row>;
  scrollX: number;
  /** The message section holding `empty`, `range`, `page`, `previous` and `next`. */
  messages: string;
  /** Names the paging bar (`<testId>-paging`) and its next button (`<testId>-next`). */
  testId: string;
}) {
  const { t } = useTranslation();
  const { shown, paging, result } = list;
  const total = shown?.total ?? 0;
  const rows = shown?.items ?? [];
  const [from, to] = rowRange(paging, LIST_PAGE_SIZE, rows.length);
  const loading = result.status === 'loading';

  return (
    <>
      <ListRows
        result={result}
        rows={rows}
        columns={columns}
        scrollX={scrollX}
        emptyText={t(`${messages}.empty`)}
      />
      <Flex justify="space-between" align="center" wrap gap={8} data-testid={`${testId}-paging`}>
        <Typography.Text type="secondary">{t(`${messages}.range`, { from, to, total })}</Typography.Text>
        <Flex align="center" gap={8}>
          <Button
            icon={<LeftOutlined />}
            disabled={loading || !hasPreviousPage(paging)}
            onClick={list.previous}
          >
            {t(`${messages}.previous`)}
          </Button>
          <Typography.Text>
            {t(`${messages}.page`, { page: paging.index + 1, pages: pageCount(total, LIST_PAGE_SIZE) })}
          </Typography.Text>
          <Button
            disabled={loading || !hasNextPage(paging)}
            onClick={list.next}
            data-testid={`${testId}-next`}
          >
            {t(`${messages}.next`)}
            <RightOutlined />
          </Button>
        </Flex>
      </Flex>
    </>
  );
}
