import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedOpen311Client, Open311Client } from '../../../shared/domain/open311.ts';
import { cstDay, cstMinuteText } from '../../../shared/time/china-time.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { CreateButton } from '../../components/CreateButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDialogAction } from '../../components/use-dialog-action.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useOpen311Api } from './open311-api.ts';

const when = (iso: string) => `${cstDay(new Date(iso))} ${cstMinuteText(new Date(iso))}`;

/** Asks for the client's name and issues its key. */
function IssueModal({
  onIssued,
  onClose,
}: {
  onIssued: (issued: IssuedOpen311Client) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useOpen311Api();
  const [form] = Form.useForm<{ name: string }>();
  const action = useDialogAction();
  return (
    <Modal
      open
      title={t('open311.create')}
      okText={t('open311.issue')}
      cancelText={t('open311.cancel')}
      confirmLoading={action.busy}
      okButtonProps={{ ...({ 'data-testid': 'open311-issue-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => action.run(async () => onIssued(await api.issue({ name: values.name })))}
      >
        <Form.Item
          name="name"
          label={t('open311.name')}
          rules={[{ required: true, whitespace: true, message: t('open311.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('open311.namePlaceholder')} data-testid="open311-name" />
        </Form.Item>
      </Form>
      {action.error && <ApiErrorAlert error={action.error} />}
    </Modal>
  );
}

/** /admin/open311: the district's Open311 clients; issue a key (shown once) and revoke one. */
export function Open311ClientsPage() {
  const { t } = useTranslation();
  const api = useOpen311Api();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => api.clients(signal), [api]);
  const list = useAsync(load);
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<IssuedOpen311Client | null>(null);

  const revoke = async (client: Open311Client) => {
    try {
      await api.revoke(client.id);
      void message.success(t('open311.revokedDone', { name: client.name }));
      list.reload();
    } catch (error) {
      void message.error(t(toApiError(error).messageKey));
    }
  };

  const columns: TableColumnsType<Open311Client> = [
    { key: 'name', title: t('open311.name'), dataIndex: 'name' },
    {
      key: 'createdAt',
      title: t('open311.createdAt'),
      width: 170,
      responsive: ['md'],
      render: (_v, c) => (
        <Flex vertical>
          <span>{when(c.createdAt)}</span>
          {c.createdByName && <Typography.Text type="secondary">{c.createdByName}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'lastUsedAt',
      title: t('open311.lastUsedAt'),
      width: 150,
      responsive: ['sm'],
      render: (_v, c) => (c.lastUsedAt ? when(c.lastUsedAt) : t('open311.never')),
    },
    {
      key: 'state',
      title: t('open311.state'),
      width: 90,
      render: (_v, c) =>
        c.revokedAt ? <Tag>{t('open311.revoked')}</Tag> : <Tag color="green">{t('open311.active')}</Tag>,
    },
    {
      key: 'actions',
      title: t('open311.actions'),
      width: 90,
      render: (_v, c) =>
        !c.revokedAt && (
          <Popconfirm title={t('open311.revokeConfirm')} onConfirm={() => revoke(c)}>
            <Button size="small" danger data-testid="open311-revoke">
              {t('open311.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('open311.title')}
        subtitle={t('open311.subtitle')}
        extra={
          <CreateButton onClick={() => setIssuing(true)} testId="open311-create">
            {t('open311.create')}
          </CreateButton>
        }
      />
      <Card>
        {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
        <Table<Open311Client>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.status === 'loading'}
          pagination={false}
          locale={{ emptyText: t('open311.empty') }}
          data-testid="open311-clients"
        />
      </Card>
      {issuing && (
        <IssueModal
          onClose={() => setIssuing(false)}
          onIssued={(client) => {
            setIssuing(false);
            setIssued(client);
            list.reload();
          }}
        />
      )}
      {issued && (
        <Modal
          open
          closable={false}
          maskClosable={false}
          title={t('open311.issuedTitle', { name: issued.name })}
          footer={
            <Button type="primary" onClick={() => setIssued(null)} data-testid="open311-key-close">
              {t('open311.close')}
            </Button>
          }
        >
          <Flex vertical gap={12}>
            <Alert type="warning" showIcon message={t('open311.issuedNote')} />
            <Typography.Text code copyable data-testid="open311-key" style={{ wordBreak: 'break-all' }}>
              {issued.apiKey}
            </Typography.Text>
          </Flex>
        </Modal>
      )}
    </Flex>
  );
}
