import { Button, Checkbox, Flex, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Member, RELATIONSHIPS } from '../../../shared/domain/household.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { householdWritesApi } from './household-writes-api.ts';
import {
  createBody,
  emptyMemberForm,
  fromIdNumber,
  type MemberFormValues,
  memberFormOf,
  memberFormProblems,
  patchBody,
} from './member-form.ts';
import { SaveCancelButtons } from './SaveCancelButtons.tsx';
import { fieldIssues } from './server-issues.ts';

const CHECKED_FIELDS = ['birthDate', 'gender', 'idNumber', 'phone'] as const;

/**
 * Adds a member (when `member` is null) or edits one. The form checks what the server checks — ID
 * number format and check digit, phone, birth date and gender against the ID number — and shows
 * the server's refusals (a number already on record) under the fields. ID numbers and phones on
 * record are never shown in full here: their fields start empty, meaning "keep".
 */
export function MemberFormModal({
  open,
  householdId,
  member,
  onClose,
  onSaved,
}: {
  open: boolean;
  householdId: string;
  member: Member | null;
  onClose: () => void;
  onSaved: (saved: Member) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [form] = Form.useForm<MemberFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const typedId = Form.useWatch('idNumber', form) ?? '';
  const fromId = fromIdNumber(typedId);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(member ? memberFormOf(member) : emptyMemberForm());
  }, [open, member, form]);

  const relationshipOptions: { value: string; label: string }[] = RELATIONSHIPS.map((r) => ({
    value: r.value,
    label: t(`records.relationships.${r.key}`),
  }));
  if (member && !RELATIONSHIPS.some((r) => r.value === member.relationship))
    relationshipOptions.push({ value: member.relationship, label: member.relationship });

  const submit = async () => {
    const values = { ...emptyMemberForm(), ...form.getFieldsValue(true) } as MemberFormValues;
    const problems = memberFormProblems(values);
    form.setFields(
      CHECKED_FIELDS.map((name) => ({ name, errors: problems[name] ? [t(problems[name] as string)] : [] })),
    );
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const writes = householdWritesApi(api);
      const saved = member
        ? await writes.updateMember(householdId, member.id, patchBody(values, member))
        : await writes.addMember(householdId, createBody(values));
      onSaved(saved);
    } catch (caught) {
      const apiError = toApiError(caught);
      form.setFields(
        fieldIssues(apiError).map((i) => ({ name: i.field as keyof MemberFormValues, errors: [t(i.key)] })),
      );
      setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('records.required') }];
  return (
    <Modal
      open={open}
      title={t(member ? 'records.member.editTitle' : 'records.member.addTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={<SaveCancelButtons form={form} busy={busy} onCancel={onClose} saveTestId="member-save" />}
    >
      <Form<MemberFormValues> form={form} layout="vertical" onFinish={submit} data-testid="member-form">
        <Form.Item name="name" label={t('records.member.name')} rules={required}>
          <Input maxLength={50} data-testid="member-name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('records.member.idNumber')}
          extra={
            member?.idNumberMasked
              ? t('records.member.idNumberOnRecord', { masked: member.idNumberMasked })
              : t('records.member.idNumberHelp')
          }
        >
          <Input maxLength={18} autoComplete="off" inputMode="text" data-testid="member-id-number" />
        </Form.Item>
        {fromId && (
          <Button
            size="small"
            style={{ marginTop: -16, marginBottom: 16 }}
            onClick={() => form.setFieldsValue(fromId)}
            data-testid="member-fill-from-id"
          >
            {t('records.member.fillFromId')}
          </Button>
        )}
        {member?.idNumberMasked && !typedId && (
          <Form.Item name="clearIdNumber" valuePropName="checked">
            <Checkbox>{t('records.member.clearIdNumber')}</Checkbox>
          </Form.Item>
        )}
        <Flex gap={16} wrap>
          <Form.Item
            name="gender"
            label={t('records.member.gender')}
            rules={required}
            style={{ flex: '1 1 140px' }}
          >
            <Radio.Group
              options={[
                { value: 'M', label: t('households.genders.M') },
                { value: 'F', label: t('households.genders.F') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="birthDate"
            label={t('records.member.birthDate')}
            rules={required}
            style={{ flex: '1 1 160px' }}
          >
            <DateField data-testid="member-birth-date" />
          </Form.Item>
        </Flex>
        <Form.Item name="relationship" label={t('records.member.relationship')} rules={required}>
          <Select
            options={relationshipOptions}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="member-relationship"
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('records.member.phone')}
          {...(member?.phoneMasked
            ? { extra: t('records.member.phoneOnRecord', { masked: member.phoneMasked }) }
            : {})}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="member-phone" />
        </Form.Item>
        {member?.phoneMasked && (
          <Form.Item name="clearPhone" valuePropName="checked">
            <Checkbox>{t('records.member.clearPhone')}</Checkbox>
          </Form.Item>
        )}
        {error && (
          <div data-testid="member-form-error">
            <ApiErrorAlert error={error} />
          </div>
        )}
      </Form>
    </Modal>
  );
}
