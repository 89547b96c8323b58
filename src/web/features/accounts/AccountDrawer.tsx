import { Button, Drawer, Flex, Form, Grid, Input, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CreatedUser, isDepartmentRole, type User } from '../../../shared/domain/user.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useAccountsApi } from './accounts-api.ts';
import { GrantsEditor } from './GrantsEditor.tsx';
import { draftProblems, draftsFrom, emptyDraft, type GrantDraft, grantInputs } from './grant-drafts.ts';

const USERNAME = /^[a-z][a-z0-9._-]{2,63}$/;

/**
 * Creates an account (no `user`: username, name and grants; the answer carries the one-time
 * password) or changes an account's grants.
 */
export function AccountDrawer({
  user,
  onClose,
  onCreated,
  onSaved,
}: {
  user?: User;
  onClose: () => void;
  onCreated: (created: CreatedUser) => void;
  onSaved: (saved: User) => void;
}) {
  const { t } = useTranslation();
  const api = useAccountsApi();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<{ username: string; displayName: string }>();
  const [drafts, setDrafts] = useState<GrantDraft[]>(() => (user ? draftsFrom(user) : [emptyDraft()]));
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { problems, conflict } = draftProblems(drafts);
  // Departments are asked for only once a line needs one.
  const needsDepartments = drafts.some((d) => d.role !== null && isDepartmentRole(d.role));
  const loadDepartments = useCallback(
    (signal: AbortSignal) => (needsDepartments ? api.departments(signal) : Promise.resolve([])),
    [api, needsDepartments],
  );
  const departments = useAsync(loadDepartments);

  const submit = async (values?: { username: string; displayName: string }) => {
    setAttempted(true);
    setError(null);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      if (user) onSaved(await api.replaceGrants(user.id, grantInputs(drafts)));
      else if (values)
        onCreated(
          await api.create({
            username: values.username.trim(),
            displayName: values.displayName.trim(),
            grants: grantInputs(drafts),
          }),
        );
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      size={screens.md ? 640 : '100%'}
      title={user ? t('accounts.editTitle', { name: user.displayName }) : t('accounts.createTitle')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('accounts.cancel')}</Button>
          <Button
            type="primary"
            loading={busy}
            disabled={problems.includes('conflict')}
            onClick={() => (user ? void submit() : form.submit())}
            data-testid="account-submit"
          >
            {user ? t('accounts.editSubmit') : t('accounts.createSubmit')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        {!user && (
          <Form
            form={form}
            layout="vertical"
            requiredMark
            onFinish={submit}
            onFinishFailed={() => setAttempted(true)}
          >
            <Form.Item
              name="username"
              label={t('accounts.username')}
              extra={t('accounts.usernameFormat')}
              rules={[
                { required: true, whitespace: true, message: t('accounts.usernameRequired') },
                { pattern: USERNAME, message: t('accounts.usernameFormat') },
              ]}
            >
              <Input autoComplete="off" maxLength={64} data-testid="account-username" />
            </Form.Item>
            <Form.Item
              name="displayName"
              label={t('accounts.displayName')}
              rules={[{ required: true, whitespace: true, message: t('accounts.displayNameRequired') }]}
            >
              <Input autoComplete="off" maxLength={50} data-testid="account-display-name" />
            </Form.Item>
          </Form>
        )}
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('accounts.grants')}
          </Typography.Title>
          <GrantsEditor
            drafts={drafts}
            onChange={setDrafts}
            departments={departments}
            problems={problems}
            conflict={conflict}
            showProblems={attempted}
          />
        </div>
        {user && <Typography.Text type="secondary">{t('accounts.editNote')}</Typography.Text>}
        {error && <ApiErrorAlert error={error} />}
      </Flex>
    </Drawer>
  );
}
