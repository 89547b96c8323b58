import { Flex, Pagination, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIST_TOTAL_CAP } from '../../shared/domain/paging.ts';
import { ListRows } from './PagedTable.tsx';
import type { NumberedList, NumberedPage } from './use-numbered-list.ts';

/**
 * The rows of a list paged by number (useNumberedList) with its load error and the paging bar:
 * the total ("more than 10,000" past the cap, with a hint to narrow the filters), page numbers
 * and a jump-to-page box. Numbers reach the capped total only (shared/domain/paging.ts).
 */
export function NumberedTable<Row extends { id: string }>({
  list,
  page,
  pageSize,
  onPage,
  columns,
  scrollX,
  emptyText,
  messages,
  testId,
}: {
  list: NumberedList<NumberedPage<Row>>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  columns: TableColumnsType<Row>;
  scrollX: number;
  emptyText: string;
  /** The message section holding `total` and `totalCapped`. */
  messages: string;
  /** Names the paging bar (`<testId>-paging`) and the total (`<testId>-total`). */
  testId: string;
}) {
  const { shown, result } = list;
  return (
    <>
      <ListRows
        result={result}
        rows={shown?.items ?? []}
        columns={columns}
        scrollX={scrollX}
        emptyText={emptyText}
      />
      <NumberedPaging
        list={list}
        page={page}
        pageSize={pageSize}
        onPage={onPage}
        messages={messages}
        testId={testId}
      />
    </>
  );
}

/**
 * The paging bar of a list paged by number, for a list that draws its own rows (the case list's
 * selectable table): the total, or "more than 10,000" past the cap with a hint to narrow the
 * filters; page numbers and a jump-to-page box reaching the capped total.
 */
export function NumberedPaging({
  list,
  page,
  pageSize,
  onPage,
  messages,
  testId,
}: {
  list: NumberedList<NumberedPage>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** The message section holding `total` and `totalCapped`. */
  messages: string;
  /** Names the paging bar (`<testId>-paging`) and the total (`<testId>-total`). */
  testId: string;
}) {
  const { t } = useTranslation();
  const { shown, result } = list;
  const loading = result.status === 'loading';
  const total = shown?.total ?? 0;
  const capped = shown?.totalCapped ?? false;

  return (
    <Flex justify="space-between" align="center" wrap gap={8} data-testid={`${testId}-paging`}>
      <Typography.Text type="secondary" data-testid={`${testId}-total`}>
        {capped ? t(`${messages}.totalCapped`, { total: LIST_TOTAL_CAP }) : t(`${messages}.total`, { total })}
      </Typography.Text>
      <Pagination
        current={page}
        pageSize={pageSize}
        total={Math.min(total, LIST_TOTAL_CAP)}
        showSizeChanger={false}
        showQuickJumper
        disabled={loading && shown === null}
        onChange={onPage}
        hideOnSinglePage={false}
      />
    </Flex>
  );
}
