import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A button's text, its accessible name (which says whose value) and what it does. */
interface ValueButton {
  text: string;
  label: string;
  onClick: () => void;
  testId?: string;
}

/**
 * A value the server masks (an ID number, a phone), or its full form once revealed. `unmask`
 * (left out for those who may not) asks for the full value; `hide` masks it again.
 */
export function MaskedValue({
  value,
  revealed,
  testId,
  unmask,
  hide,
}: {
  /** The masked value, or the full one when `revealed`. */
  value: string;
  revealed: boolean;
  testId: string;
  unmask?: ValueButton | undefined;
  hide: ValueButton;
}) {
  const button = (action: ValueButton, icon: ReactNode) => (
    <Button
      size="small"
      type="link"
      icon={icon}
      aria-label={action.label}
      data-testid={action.testId}
      onClick={action.onClick}
    >
      {action.text}
    </Button>
  );
  return (
    <Flex align="center" gap={4} wrap={false}>
      <Typography.Text
        style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
        data-testid={testId}
        data-revealed={revealed}
      >
        {value}
      </Typography.Text>
      {unmask && !revealed && button(unmask, <EyeOutlined />)}
      {revealed && button(hide, <EyeInvisibleOutlined />)}
    </Flex>
  );
}
