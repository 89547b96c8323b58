import { DownOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Dropdown,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/auth/roles.ts';
import type { User, UserAction } from '../../../shared/domain/user.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { CreateButton } from '../../components/CreateButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { AccountDrawer } from './AccountDrawer.tsx';
import { useAccountsApi } from './accounts-api.ts';
import { OneTimePasswordModal } from './OneTimePasswordModal.tsx';

type StateFilter = 'active' | 'inactive';
type Shown = { username: string; password: string; kind: 'created' | 'reset' };

/**
 * /admin/users: the district's accounts for the security administrator — search, create with a
 * one-time password, change grants, reset password or authenticator, deactivate. What each row
 * offers comes from the server's `actions` (never one's own account).
 */
export function UsersPage({ pathname: _pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const api = useAccountsApi();
  const me = useMe();
  const canCreate = me.permissions.includes('users:write');
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [state, setState] = useState<StateFilter | undefined>();
  const [drawer, setDrawer] = useState<{ user?: User } | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);

  const load = useCallback(
    (signal: AbortSignal) =>
      api.list({ q: query, role, active: state === undefined ? undefined : state === 'active' }, signal),
    [api, query, role, state],
  );
  const result = useAsync(load);

  const confirmThen = (
    user: User,
    keys: { title: string; hint: string; danger?: boolean },
    act: () => Promise<void>,
  ) => {
    modal.confirm({
      title: t(keys.title, { name: user.displayName }),
      content: t(keys.hint),
      okText: t('accounts.confirm'),
      cancelText: t('accounts.cancel'),
      okButtonProps: { danger: keys.danger ?? false },
      onOk: async () => {
        try {
          await act();
          result.reload();
        } catch (caught) {
          void message.error(t(toApiError(caught).messageKey));
        }
      },
    });
  };

  const run = (user: User, action: UserAction) => {
    switch (action) {
      case 'edit-grants':
        setDrawer({ user });
        return;
      case 'reset-password':
        confirmThen(
          user,
          { title: 'accounts.resetPasswordConfirm', hint: 'accounts.resetPasswordHint' },
          async () => {
            const reset = await api.resetPassword(user.id);
            setShown({ username: user.username, password: reset.oneTimePassword, kind: 'reset' });
          },
        );
        return;
      case 'reset-totp':
        confirmThen(
          user,
          { title: 'accounts.resetTotpConfirm', hint: 'accounts.resetTotpHint' },
          async () => {
            await api.resetTotp(user.id);
            void message.success(t('accounts.totpReset'));
          },
        );
        return;
      case 'deactivate':
        confirmThen(
          user,
          { title: 'accounts.deactivateConfirm', hint: 'accounts.deactivateHint', danger: true },
          async () => {
            await api.deactivate(user.id);
            void message.success(t('accounts.deactivated'));
          },
        );
        return;
    }
  };

  const actionLabel: Record<UserAction, string> = {
    'edit-grants': t('accounts.editGrants'),
    'reset-password': t('accounts.resetPassword'),
    'reset-totp': t('accounts.resetTotp'),
    deactivate: t('accounts.deactivate'),
  };

  const columns: TableColumnsType<User> = [
    {
      key: 'username',
      title: t('accounts.username'),
      width: 170,
      render: (_v, user) => (
        <Space size={4} wrap>
          <Typography.Text strong data-testid="account-username-cell">
            {user.username}
          </Typography.Text>
          {user.demo && <Tag color="orange">{t('accounts.demo')}</Tag>}
        </Space>
      ),
    },
    { key: 'displayName', title: t('accounts.displayName'), dataIndex: 'displayName', width: 180 },
    {
      key: 'grants',
      title: t('accounts.grants'),
      render: (_v, user) => (
        <Flex gap={4} wrap>
          {user.grants.map((g) => (
            <Tag
              key={`${g.role}-${g.scopeRegionId ?? ''}-${g.scopeDepartmentId ?? ''}`}
              style={{ marginInlineEnd: 0 }}
            >
              {t(`roles.${g.role}`)} · {g.scopeName ?? t('accounts.wholeDistrict')}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'state',
      title: t('accounts.state'),
      width: 90,
      render: (_v, user) =>
        user.active ? <Tag color="green">{t('accounts.active')}</Tag> : <Tag>{t('accounts.inactive')}</Tag>,
    },
    {
      key: 'totp',
      title: t('accounts.totp'),
      width: 110,
      render: (_v, user) =>
        user.totpEnrolled ? (
          <Tag color="blue">{t('accounts.totpEnrolled')}</Tag>
        ) : (
          <Tag>{t('accounts.totpMissing')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('accounts.actions'),
      width: 200,
      render: (_v, user) => {
        const [first, ...rest] = user.actions;
        if (!first) return null;
        return (
          <Space size={4}>
            <Button size="small" onClick={() => run(user, first)}>
              {actionLabel[first]}
            </Button>
            {rest.length > 0 && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: rest.map((action) => ({
                    key: action,
                    label: actionLabel[action],
                    danger: action === 'deactivate',
                  })),
                  onClick: ({ key }) => run(user, key as UserAction),
                }}
              >
                <Button size="small" aria-label={t('accounts.more')} data-testid="account-more">
                  {t('accounts.more')} <DownOutlined />
                </Button>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  const rows = result.data ?? [];
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        titleTestId="accounts-title"
      />
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={8} wrap align="center">
            <Input.Search
              allowClear
              enterButton
              maxLength={64}
              placeholder={t('accounts.searchPlaceholder')}
              aria-label={t('accounts.search')}
              style={{ flex: '1 1 220px', maxWidth: 320 }}
              onSearch={(value) => setQuery(value.trim())}
            />
            <Select<Role>
              allowClear
              style={{ width: 160 }}
              placeholder={t('accounts.anyRole')}
              value={role}
              onChange={(value) => setRole(value)}
              options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              aria-label={t('accounts.role')}
            />
            <Select<StateFilter>
              allowClear
              style={{ width: 130 }}
              placeholder={t('accounts.anyState')}
              value={state}
              onChange={(value) => setState(value)}
              options={[
                { value: 'active', label: t('accounts.activeOnly') },
                { value: 'inactive', label: t('accounts.inactiveOnly') },
              ]}
              aria-label={t('accounts.state')}
            />
            <div style={{ flex: 1 }} />
            {canCreate && (
              <CreateButton onClick={() => setDrawer({})} testId="accounts-create">
                {t('accounts.create')}
              </CreateButton>
            )}
          </Flex>
          {result.status === 'error' && <ApiErrorAlert error={result.error} onRetry={result.reload} />}
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={result.status === 'loading'}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 960 }}
            locale={{ emptyText: result.status === 'loading' ? ' ' : t('accounts.empty') }}
            footer={() => t('accounts.count', { count: rows.length })}
          />
        </Flex>
      </Card>
      {drawer && (
        <AccountDrawer
          {...(drawer.user ? { user: drawer.user } : {})}
          onClose={() => setDrawer(null)}
          onCreated={(created) => {
            setDrawer(null);
            setShown({ username: created.user.username, password: created.oneTimePassword, kind: 'created' });
            result.reload();
          }}
          onSaved={() => {
            setDrawer(null);
            void message.success(t('accounts.saved'));
            result.reload();
          }}
        />
      )}
      {shown && (
        <OneTimePasswordModal
          username={shown.username}
          password={shown.password}
          kind={shown.kind}
          onClose={() => setShown(null)}
        />
      )}
    </Flex>
  );
}
