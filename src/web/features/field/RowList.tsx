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
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {dataSource.map((item, index) => (
        <Fragment key={rowKey(item)}>{renderItem(item, index)}</Fragment>
      ))}
    </ul>
  );
}

function Row({ style, children, ...rest }: HTMLAttributes<HTMLLIElement> & { style?: CSSProperties }) {
  const { token } = theme.useToken();
  return (
    <li
      {...rest}
      style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}`, ...style }}
    >
      {children}
    </li>
  );
}
RowList.Item = Row;
