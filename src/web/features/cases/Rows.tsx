import { Flex, Typography, theme } from 'antd';
import { Fragment, type HTMLAttributes, type ReactNode } from 'react';

/**
 * A plain list of rows with a divider between them (clocks, tasks, files, suggestions); antd's
 * List is deprecated in 6.6 and warns on every render.
 */
export function Rows<T>({
  dataSource,
  renderItem,
  empty,
}: {
  dataSource: readonly T[];
  renderItem: (item: T, index: number) => ReactNode;
  empty?: ReactNode;
  size?: 'small';
}) {
  if (dataSource.length === 0 && empty !== undefined)
    return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {dataSource.map((item, index) => (
        // Rows of records key by their id; the others keep their place.
        <Fragment
          key={(item as { id?: unknown }).id === undefined ? index : String((item as { id: unknown }).id)}
        >
          {renderItem(item, index)}
        </Fragment>
      ))}
    </ul>
  );
}

function Item({
  actions,
  children,
  ...rest
}: { actions?: ReactNode[]; children: ReactNode } & HTMLAttributes<HTMLDivElement> &
  Record<`data-${string}`, string>) {
  const { token } = theme.useToken();
  return (
    <Flex
      role="listitem"
      justify="space-between"
      align="center"
      gap={8}
      wrap
      style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}`, minWidth: 0 }}
      {...rest}
    >
      <div style={{ minWidth: 0, flex: '1 1 160px' }}>{children}</div>
      {actions && actions.length > 0 && <Flex gap={8}>{actions}</Flex>}
    </Flex>
  );
}

function Meta({ title, description }: { title: ReactNode; description?: ReactNode }) {
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <div style={{ overflowWrap: 'anywhere' }}>{title}</div>
      {description && <Typography.Text type="secondary">{description}</Typography.Text>}
    </Flex>
  );
}

Rows.Item = Item;
Rows.Meta = Meta;
