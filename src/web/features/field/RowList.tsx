import { RightOutlined } from '@ant-design/icons';
import { Flex, Typography, theme } from 'antd';
import { type CSSProperties, Fragment, type HTMLAttributes, type MouseEvent, type ReactNode } from 'react';

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

/**
 * A row that opens a page: an icon, the title in full (a key household's room number must never
 * be cut off), a secondary line, an optional tag and the arrow. `data` becomes data-* attributes
 * (the browser tests find rows by them).
 */
export function LinkRow({
  href,
  onOpen,
  icon,
  title,
  subtitle,
  tag,
  strong = false,
  data,
}: {
  href: string;
  onOpen: (event: MouseEvent<HTMLAnchorElement>) => void;
  icon: ReactNode;
  title: ReactNode;
  subtitle: ReactNode;
  tag?: ReactNode;
  strong?: boolean;
  data: Record<string, string>;
}) {
  const attributes = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
  return (
    <Row style={{ padding: '10px 12px' }}>
      <a
        href={href}
        onClick={onOpen}
        {...attributes}
        style={{ display: 'flex', width: '100%', gap: 8, alignItems: 'center', minWidth: 0 }}
      >
        {icon}
        <Flex vertical style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong={strong} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
            {subtitle}
          </Typography.Text>
        </Flex>
        {tag}
        <RightOutlined style={{ fontSize: 12 }} />
      </a>
    </Row>
  );
}
