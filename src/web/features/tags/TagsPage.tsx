import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Skeleton,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagDefinition, TagSubject } from '../../../shared/domain/tags.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { droppedCodes, listToSave, newRow, rowsOf, type TagRow } from './tag-rows.ts';
import { tagsApi } from './tags-api.ts';

/** /admin/tags: the district's household and enterprise tag lists, each edited and saved whole. */
export function TagsPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('records.tags.title')} subtitle={t('records.tags.subtitle')} />
      <Tabs
        destroyOnHidden
        items={(['household', 'enterprise'] as const).map((subject) => ({
          key: subject,
          label: t(`records.tags.${subject}`),
          children: <TagListEditor subject={subject} />,
        }))}
      />
    </Flex>
  );
}

function TagListEditor({ subject }: { subject: TagSubject }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => tagsApi(api).list(subject, signal), [api, subject]);
  const loaded = useAsync(load);
  const [saved, setSaved] = useState<TagDefinition[] | null>(null);
  const [rows, setRows] = useState<TagRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<{ error: ApiError; dropped: string[] } | null>(null);
  const counter = useRef(0);

  useEffect(() => {
    if (loaded.data) {
      setSaved(loaded.data);
      setRows(rowsOf(loaded.data));
    }
  }, [loaded.data]);

  if (loaded.status === 'error') return <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!saved) return <Skeleton active />;

  const change = (key: string, patch: Partial<TagRow>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const save = async () => {
    const list = listToSave(rows);
    setInvalid(list === null);
    setError(null);
    if (!list) return;
    setBusy(true);
    try {
      const next = await tagsApi(api).replace(subject, list);
      setSaved(next);
      setRows(rowsOf(next));
      message.success(t('records.tags.saved'));
    } catch (caught) {
      setError({ error: toApiError(caught), dropped: droppedCodes(saved, rows) });
    } finally {
      setBusy(false);
    }
  };

  const switchColumn = (field: 'hasLevel' | 'marksKey' | 'active', width = 96) => ({
    key: field,
    title: t(`records.tags.${field}`),
    width,
    render: (_: unknown, row: TagRow) => (
      <Switch
        size="small"
        checked={row[field]}
        aria-label={`${t(`records.tags.${field}`)} ${row.name}`}
        onChange={(checked) => change(row.key, { [field]: checked })}
      />
    ),
  });

  const nameColumn = (field: 'name' | 'nameEn', width: number, testId: string) => ({
    key: field,
    title: t(`records.tags.${field}`),
    width,
    render: (_: unknown, row: TagRow) => (
      <Input
        value={row[field]}
        maxLength={50}
        onChange={(e) => change(row.key, { [field]: e.target.value })}
        data-testid={testId}
      />
    ),
  });

  const columns: TableColumnsType<TagRow> = [
    {
      key: 'code',
      title: t('records.tags.code'),
      width: 140,
      render: (_, row) =>
        row.saved ? (
          <Typography.Text strong>{row.code}</Typography.Text>
        ) : (
          <Input
            value={row.code}
            maxLength={20}
            placeholder={row.name || t('records.tags.code')}
            title={t('records.tags.codeHelp')}
            onChange={(e) => change(row.key, { code: e.target.value })}
            data-testid="tag-code"
          />
        ),
    },
    nameColumn('name', 160, 'tag-name'),
    nameColumn('nameEn', 200, 'tag-name-en'),
    switchColumn('hasLevel'),
    ...(subject === 'household' ? [switchColumn('marksKey')] : []),
    switchColumn('active', 80),
    {
      key: 'order',
      title: t('records.tags.order'),
      width: 100,
      render: (_, row) => (
        <InputNumber
          value={row.sortOrder}
          min={0}
          max={10_000}
          precision={0}
          style={{ width: 80 }}
          onChange={(value) => change(row.key, { sortOrder: value ?? 0 })}
        />
      ),
    },
    {
      key: 'remove',
      width: 56,
      render: (_, row) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('records.tags.removeRow')}
          title={t('records.tags.removeRow')}
          onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
        />
      ),
    },
  ];

  return (
    <Card>
      <Flex vertical gap={16}>
        <Table<TagRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={[...rows].sort((a, b) => a.sortOrder - b.sortOrder)}
          pagination={false}
          scroll={{ x: 880 }}
          data-testid={`tags-${subject}`}
        />
        {invalid && <Alert type="error" showIcon title={t('records.tags.invalid')} />}
        {error?.error.code === 'CONFLICT' && error.dropped.length > 0 ? (
          <Alert type="error" showIcon title={t('records.tags.inUse', { codes: error.dropped.join('、') })} />
        ) : (
          error && <ApiErrorAlert error={error.error} />
        )}
        <Flex gap={8} wrap>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setRows((current) => [...current, newRow(subject, current, `new:${counter.current++}`)])
            }
            data-testid="tag-add"
          >
            {t('records.tags.add')}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={busy}
            onClick={save}
            data-testid="tags-save"
          >
            {t('records.tags.save')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
