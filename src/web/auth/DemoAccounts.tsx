import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Meta } from '../../shared/domain/meta.ts';

type DemoLogin = NonNullable<Meta['demoLogin']>;

/**
 * The demo deployment's sample accounts (only ever sent by a server running demo data): a click
 * fills the sign-in form, so a visitor can try each role without being told passwords elsewhere.
 */
export function DemoAccounts({
  demoLogin,
  onPick,
}: {
  demoLogin: DemoLogin;
  onPick: (username: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('auth.demoAccounts')}
      style={{ width: '100%', maxWidth: 440 }}
      data-testid="demo-accounts"
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          {t('auth.demoAccountsHint', { password: demoLogin.password })}
        </Typography.Text>
        {demoLogin.accounts.map((account) => (
          <Button
            key={account.username}
            block
            data-testid={`demo-account-${account.username}`}
            onClick={() => onPick(account.username)}
            style={{ height: 'auto', padding: '6px 12px', textAlign: 'start', justifyContent: 'flex-start' }}
          >
            <Flex gap={8} align="center" wrap style={{ width: '100%' }}>
              <Typography.Text code>{account.username}</Typography.Text>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t(`roles.${account.role}`)}
              </Tag>
              <Typography.Text type="secondary" ellipsis style={{ flex: 1, minWidth: 0 }}>
                {account.scopeName}
              </Typography.Text>
            </Flex>
          </Button>
        ))}
      </Flex>
    </Card>
  );
}
