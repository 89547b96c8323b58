import { Alert, Drawer, Flex, Form, Grid, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdDetail } from '../../../shared/domain/household.ts';
import { tagLevelSchema } from '../../../shared/domain/tags.ts';
import { samePosition } from '../../../shared/map/position.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { PositionInputs } from '../../components/PositionInputs.tsx';
import {
  type PositionInputValues,
  positionFromInputs,
  positionInputValues,
} from '../../components/position-inputs.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { GridSelect } from './GridSelect.tsx';
import { householdWritesApi } from './household-writes-api.ts';
import { SaveCancelButtons } from './SaveCancelButtons.tsx';
import { fieldIssues } from './server-issues.ts';
import { tagLabel, useTagList } from './use-tag-list.ts';

interface FormValues extends PositionInputValues {
  gridId?: string;
  code?: string;
  address: string;
  estate?: string;
  building?: string;
  unit?: string;
  room?: string;
  tags: string[];
  levels: Record<string, string | undefined>;
}

const LEVELS = tagLevelSchema.options;

/**
 * Creates a household (when `household` is null) or edits one: grid, address parts, tags from the
 * district's list, and a level for each tag that takes one. Field problems from the server show
 * under their fields; the saved household is handed to `onSaved`.
 */
export function HouseholdFormDrawer({
  open,
  household,
  initialGridId,
  onClose,
  onSaved,
}: {
  open: boolean;
  household: HouseholdDetail | null;
  initialGridId?: string | undefined;
  onClose: () => void;
  onSaved: (saved: HouseholdDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const tagList = useTagList('household');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const english = i18n.language === 'en';
  const chosenTags = Form.useWatch('tags', form) ?? [];
  const definitions = tagList.data ?? [];
  const levelled = chosenTags.filter((code) => definitions.find((d) => d.code === code)?.hasLevel);
  const marksKey = chosenTags.some((code) => definitions.find((d) => d.code === code)?.marksKey);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      household
        ? {
            gridId: household.gridId,
            address: household.address,
            estate: household.estate ?? '',
            building: household.building ?? '',
            unit: household.unit ?? '',
            room: household.room ?? '',
            tags: household.tags,
            levels: { ...household.tagLevels },
            ...positionInputValues(household.position),
          }
        : { gridId: initialGridId, address: '', tags: [], levels: {}, ...positionInputValues(null) },
    );
  }, [open, household, initialGridId, form]);

  // Active tags may be chosen; a tag the household already carries stays even if retired since.
  const options = definitions
    .filter((d) => d.active || household?.tags.includes(d.code))
    .map((d) => ({ value: d.code, label: english ? d.nameEn : d.name }));

  const submit = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    const tags = values.tags ?? [];
    const tagLevels = Object.fromEntries(
      tags.filter((code) => values.levels?.[code]).map((code) => [code, values.levels[code] as string]),
    ) as Record<string, '1' | '2' | '3' | '4'>;
    const text = (value: string | undefined) => value?.trim() || null;
    const position = positionFromInputs(values);
    try {
      const writes = householdWritesApi(api);
      const body = {
        address: values.address.trim(),
        estate: text(values.estate),
        building: text(values.building),
        unit: text(values.unit),
        room: text(values.room),
        tags,
        tagLevels,
      };
      const saved = household
        ? await writes.update(household.id, {
            ...body,
            // Sent only when changed, so the audit row names it only then.
            ...(samePosition(position, household.position) ? {} : { position }),
            ...(values.gridId && values.gridId !== household.gridId ? { gridId: values.gridId } : {}),
          })
        : await writes.create({
            ...body,
            gridId: values.gridId as string,
            ...(position ? { position } : {}),
            ...(values.code?.trim() ? { code: values.code.trim() } : {}),
          });
      onSaved(saved);
    } catch (caught) {
      const apiError = toApiError(caught);
      const issues = fieldIssues(apiError);
      form.setFields(
        issues
          .filter((i) => ['gridId', 'code', 'address', 'tags'].includes(i.field))
          .map((i) => ({ name: i.field as keyof FormValues, errors: [t(i.key)] })),
      );
      setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('records.required') }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      title={t(household ? 'records.household.editTitle' : 'records.household.createTitle')}
      destroyOnHidden
      extra={<SaveCancelButtons form={form} busy={busy} onCancel={onClose} saveTestId="household-save" />}
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="household-form">
        <Form.Item
          name="gridId"
          label={t('records.household.grid')}
          rules={[{ required: true, message: t('records.required') }]}
        >
          <GridSelect
            placeholder={t('records.household.gridPlaceholder')}
            {...(household ? { initialName: household.gridName } : {})}
          />
        </Form.Item>
        {!household && (
          <Form.Item name="code" label={t('records.household.code')} extra={t('records.household.codeHelp')}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Form.Item name="address" label={t('records.household.address')} rules={required}>
          <Input maxLength={200} data-testid="household-address" />
        </Form.Item>
        <Flex gap={8} wrap>
          <Form.Item name="estate" label={t('records.household.estate')} style={{ flex: '2 1 180px' }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="building" label={t('records.household.building')} style={{ flex: '1 1 90px' }}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="unit" label={t('records.household.unit')} style={{ flex: '1 1 90px' }}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="room" label={t('records.household.room')} style={{ flex: '1 1 90px' }}>
            <Input maxLength={20} />
          </Form.Item>
        </Flex>
        <Form.Item name="tags" label={t('records.household.tags')}>
          <Select
            mode="multiple"
            allowClear
            loading={tagList.status === 'loading'}
            options={options}
            placeholder={t('records.household.tagsPlaceholder')}
            data-testid="household-tags"
          />
        </Form.Item>
        {levelled.map((code) => (
          <Form.Item
            key={code}
            name={['levels', code]}
            label={t('records.household.levelOf', { tag: tagLabel(definitions, code, english) })}
            rules={[{ required: true, message: t('records.required') }]}
          >
            <Select
              options={LEVELS.map((level) => ({
                value: level,
                label: t('records.household.level', { level }),
              }))}
              data-testid={`tag-level-${code}`}
            />
          </Form.Item>
        ))}
        <PositionInputs testIdPrefix="household" />
        {marksKey && (
          <Alert type="info" showIcon title={t('records.household.keyHint')} style={{ marginBottom: 16 }} />
        )}
        {tagList.status === 'error' && <ApiErrorAlert error={tagList.error} onRetry={tagList.reload} />}
        {error && (
          <div data-testid="household-form-error">
            <ApiErrorAlert error={error} />
          </div>
        )}
      </Form>
    </Drawer>
  );
}
