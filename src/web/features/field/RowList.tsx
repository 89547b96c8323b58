import { theme } from 'antd';
import { type CSSProperties, Fragment, type HTMLAttributes, type ReactNode } from 'react';

/** A plain list of rows (antd's List is deprecated): items separated by a hairline. */
export function RowList<T>({
  dataSource,
  renderItem,
  rowKey,
}: {
  dataSource: readonly T[];
  renderItem: (item: T, index: number) => ReactNode;
  /** Each item's stable identity. */
  rowKey: (item: T) => string;
  size?: 'small';
}) {
  return (
    <div role="list">
      {dataSource.map((item, index) => (
        <Fragment key={rowKey(item)}>{renderItem(item, index)}</Fragment>
      ))}
    </div>
  );
}

function Row({ style, children, ...rest }: HTMLAttributes<HTMLDivElement> & { style?: CSSProperties }) {
  const { token } = theme.useToken();
  return (
    <div
      role="listitem"
      {...rest}
      style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}`, ...style }}
    >
      {children}
    </div>
  );
}
RowList.Item = Row;
