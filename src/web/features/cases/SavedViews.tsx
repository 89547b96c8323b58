import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Popconfirm, Popover, Select } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { type CaseFilters, casesApi } from './cases-api.ts';
import { caseFiltersSchema } from './cases-path.ts';

/** The caller's saved filter sets: pick one to apply it, save the current filters, delete one. */
export function SavedViews({
  current,
  onPick,
}: {
  current: CaseFilters;
  onPick: (filters: CaseFilters) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => casesApi(api).views(signal), [api]);
  const views = useAsync(load);
  const [picked, setPicked] = useState<string | undefined>();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const items = views.data?.items ?? [];
  const pickedView = items.find((v) => v.id === picked);

  const save = async () => {
    try {
      const saved = await casesApi(api).saveView(name.trim(), current);
      message.success(t('cases.saved.saved', { name: name.trim() }));
      setNaming(false);
      setName('');
      setPicked(saved.id);
      views.reload();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    }
  };
  const remove = async (id: string) => {
    try {
      await casesApi(api).deleteView(id);
      message.success(t('cases.saved.removed'));
      setPicked(undefined);
      views.reload();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    }
  };

  return (
    <Flex gap={8} wrap align="center" data-testid="case-saved-views">
      <Select
        allowClear
        style={{ minWidth: 180, flex: '1 1 180px', maxWidth: 320 }}
        placeholder={t('cases.saved.placeholder')}
        aria-label={t('cases.saved.title')}
        value={picked}
        options={items.map((v) => ({ value: v.id, label: v.name }))}
        onChange={(id?: string) => {
          setPicked(id);
          const view = items.find((v) => v.id === id);
          if (!view) return;
          const filters = caseFiltersSchema.safeParse(view.filters);
          if (filters.success) onPick(filters.data);
        }}
      />
      <Popover
        open={naming}
        onOpenChange={setNaming}
        trigger="click"
        content={
          <Flex gap={8}>
            <Input
              autoFocus
              maxLength={50}
              value={name}
              placeholder={t('cases.saved.namePlaceholder')}
              aria-label={t('cases.saved.name')}
              onChange={(event) => setName(event.target.value)}
              onPressEnter={() => name.trim() && save()}
            />
            <Button type="primary" disabled={!name.trim()} onClick={save}>
              {t('cases.act.ok')}
            </Button>
          </Flex>
        }
      >
        <Button icon={<SaveOutlined />}>{t('cases.saved.save')}</Button>
      </Popover>
      {pickedView && (
        <Popconfirm
          title={t('cases.saved.removeConfirm', { name: pickedView.name })}
          okText={t('cases.saved.remove')}
          cancelText={t('cases.act.cancel')}
          onConfirm={() => remove(pickedView.id)}
        >
          <Button danger icon={<DeleteOutlined />} aria-label={t('cases.saved.remove')} />
        </Popconfirm>
      )}
    </Flex>
  );
}
