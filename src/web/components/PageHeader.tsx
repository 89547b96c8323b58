import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A page's title and the line under it; `extra` (the page's main buttons, if any) sits on the
 * right and wraps below on a phone.
 */
export function PageHeader({
  title,
  subtitle,
  titleTestId,
  extra,
}: {
  title: ReactNode;
  subtitle: ReactNode;
  titleTestId?: string;
  extra?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid={titleTestId}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">{subtitle}</Typography.Text>
      </div>
      {extra}
    </Flex>
  );
}
