import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { type Key, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseCategory, type CategoryTreeNode, categoryTree } from '../../../shared/domain/category.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { CreateButton } from '../../components/CreateButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { type CategoryForm, CategoryModal } from './CategoryModal.tsx';
import { useOrgApi } from './org-api.ts';
import { StatusTag } from './StatusTag.tsx';

type Row = CaseCategory & { parentName: string | null; inheritedDepartment: string | null; children?: Row[] };

function toRows(nodes: CategoryTreeNode<CaseCategory>[], parent: CaseCategory | null): Row[] {
  return nodes.map(({ category, children }) => ({
    ...category,
    parentName: parent?.name ?? null,
    inheritedDepartment: category.departmentId ? null : (parent?.departmentName ?? null),
    ...(children.length > 0 ? { children: toRows(children, category) } : {}),
  }));
}

/**
 * /admin/categories: the two-level case category tree with each category's handling department
 * (a subcategory without one shows the department it inherits); create, edit, (de)activate.
 */
export function CategoriesPage() {
  const { t, i18n } = useTranslation();
  const api = useOrgApi();
  const { message } = App.useApp();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [categories, departments] = await Promise.all([api.categories(signal), api.departments(signal)]);
      return { categories, departments: departments.items };
    },
    [api],
  );
  const data = useAsync(load);
  const [form, setForm] = useState<CategoryForm | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<Key>>(new Set());
  const [busyId, setBusyId] = useState<string | null>(null);
  const english = i18n.language.startsWith('en');

  const rows = useMemo(
    () => (data.data ? toRows(categoryTree(data.data.categories.items), null) : []),
    [data.data],
  );
  // Every top category starts open; the user may close some.
  const expanded = rows.filter((r) => !collapsed.has(r.id)).map((r) => r.id);

  const toggleActive = async (row: Row) => {
    setBusyId(row.id);
    try {
      await api.updateCategory(row.id, { active: !row.active });
      void message.success(t('org.categories.saved'));
      data.reload();
    } catch (error) {
      void message.error(t(toApiError(error).messageKey));
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t('org.common.name'),
      render: (_v, row) => (
        <Flex vertical data-category-code={row.code}>
          <Typography.Text delete={!row.active}>
            {english && row.nameEn ? row.nameEn : row.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {english ? row.name : (row.nameEn ?? '')} · {row.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'department',
      title: t('org.categories.department'),
      width: 240,
      render: (_v, row) =>
        row.departmentName ? (
          <Typography.Text data-testid="category-owner">{row.departmentName}</Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="category-owner">
            {row.inheritedDepartment
              ? t('org.categories.inherits', { name: row.inheritedDepartment })
              : t('org.categories.noDepartment')}
          </Typography.Text>
        ),
    },
    {
      key: 'active',
      title: t('org.common.status'),
      width: 90,
      // An inactive name is struck through, so a phone can do without this column.
      responsive: ['sm'],
      render: (_v, row) => <StatusTag active={row.active} />,
    },
    {
      key: 'actions',
      title: t('org.common.actions'),
      width: 260,
      render: (_v, row) => (
        <Flex gap={4} wrap>
          {row.actions.includes('edit') && (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setForm({ mode: 'edit', category: row })}
              data-testid="category-edit"
            >
              {t('org.common.edit')}
            </Button>
          )}
          {row.actions.includes('create-child') && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setForm({ mode: 'create', parent: row })}
            >
              {t('org.categories.createChild')}
            </Button>
          )}
          {row.actions.includes('edit') && (
            <Button size="small" loading={busyId === row.id} onClick={() => toggleActive(row)}>
              {row.active ? t('org.categories.deactivate') : t('org.categories.activate')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('org.categories.title')}
        subtitle={t('org.categories.subtitle')}
        extra={
          data.data?.categories.actions.includes('create') && (
            <CreateButton onClick={() => setForm({ mode: 'create', parent: null })}>
              {t('org.categories.create')}
            </CreateButton>
          )
        }
      />
      <Card>
        {data.status === 'error' && <ApiErrorAlert error={data.error} onRetry={data.reload} />}
        <Table<Row>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={data.status === 'loading'}
          pagination={false}
          scroll={{ x: 760 }}
          expandable={{
            expandedRowKeys: expanded,
            onExpand: (open, row) =>
              setCollapsed((keys) => {
                const next = new Set(keys);
                if (open) next.delete(row.id);
                else next.add(row.id);
                return next;
              }),
          }}
          locale={{ emptyText: t('org.categories.empty') }}
          data-testid="categories-table"
        />
      </Card>
      {form && data.data && (
        <CategoryModal
          form={form}
          departments={data.data.departments}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            setForm(null);
            void message.success(
              form.mode === 'edit'
                ? t('org.categories.saved')
                : t('org.categories.created', { name: saved.name }),
            );
            data.reload();
          }}
        />
      )}
    </Flex>
  );
}
