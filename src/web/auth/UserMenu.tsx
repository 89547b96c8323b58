import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Flex, type MenuProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from './auth-context.tsx';

/** The signed-in user: name, roles with the area each covers, and signing out. */
export function UserMenu({ narrow }: { narrow: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useAuth();
  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <Flex vertical data-testid="user-menu-identity">
          <Typography.Text strong>{me.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {me.username}
          </Typography.Text>
        </Flex>
      ),
      children: me.roles.map((grant, index) => ({
        key: `role-${index}`,
        disabled: true,
        label: (
          <span data-testid="user-role">
            {t(`roles.${grant.role}`)}
            {' · '}
            {grant.scopeName ?? t('user.wholeDeployment')}
          </span>
        ),
      })),
    },
    { type: 'divider' },
    { key: 'signOut', icon: <LogoutOutlined />, label: t('user.signOut'), danger: true },
  ];
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'signOut') void signOut();
        },
      }}
    >
      <Button type="text" data-testid="user-menu" aria-label={t('user.menu')} icon={<UserOutlined />}>
        {!narrow && (
          <Typography.Text
            style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          >
            {me.displayName}
          </Typography.Text>
        )}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
