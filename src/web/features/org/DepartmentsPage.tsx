import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/domain/department.ts';
import { useAsync } from '../../api/use-async.ts';
import { CreateButton } from '../../components/CreateButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { DepartmentModal } from './DepartmentModal.tsx';
import { useOrgApi } from './org-api.ts';
import { StatusTag } from './StatusTag.tsx';

/** /admin/departments: the district's departments and street offices; create and edit in a modal. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const api = useOrgApi();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => api.departments(signal), [api]);
  const list = useAsync(load);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);

  const columns: TableColumnsType<Department> = [
    {
      key: 'name',
      title: t('org.common.name'),
      render: (_v, d) => (
        <Flex vertical>
          <Typography.Text>{d.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'level',
      title: t('org.departments.level'),
      width: 100,
      // On a phone the name, status and edit button matter; the rest shows from tablet width.
      responsive: ['md'],
      render: (_v, d) => (
        <Tag color={d.level === 'district' ? 'red' : 'volcano'}>{t(`org.departments.levels.${d.level}`)}</Tag>
      ),
    },
    {
      key: 'region',
      title: t('org.departments.region'),
      dataIndex: 'regionName',
      width: 140,
      responsive: ['md'],
    },
    {
      key: 'categories',
      title: t('org.departments.categoryCount'),
      dataIndex: 'categoryCount',
      width: 100,
      align: 'right',
      responsive: ['sm'],
    },
    {
      key: 'active',
      title: t('org.common.status'),
      width: 90,
      render: (_v, d) => <StatusTag active={d.active} />,
    },
    {
      key: 'actions',
      title: t('org.common.actions'),
      width: 90,
      render: (_v, d) =>
        d.actions.includes('edit') && (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(d)}
            data-testid="department-edit"
          >
            {t('org.common.edit')}
          </Button>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('org.departments.title')}
        subtitle={t('org.departments.subtitle')}
        extra={
          list.data?.actions.includes('create') && (
            <CreateButton onClick={() => setEditing('new')} testId="department-create">
              {t('org.departments.create')}
            </CreateButton>
          )
        }
      />
      <Card>
        {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
        <Table<Department>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.status === 'loading'}
          pagination={false}
          locale={{ emptyText: t('org.departments.empty') }}
          data-testid="departments-table"
        />
      </Card>
      {editing && (
        <DepartmentModal
          {...(editing === 'new' ? {} : { department: editing })}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            void message.success(
              editing === 'new'
                ? t('org.departments.created', { name: saved.name })
                : t('org.departments.saved'),
            );
            list.reload();
          }}
        />
      )}
    </Flex>
  );
}
