import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

/** A new record's code: required and checked against `schema` (the server's rule); fixed once saved. */
export function CodeField({ schema, testId }: { schema: z.ZodType; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="code"
      label={t('org.common.code')}
      extra={t('org.common.codeRule')}
      rules={[
        { required: true, message: t('org.common.required') },
        {
          validator: (_rule, value: string | undefined) =>
            !value || schema.safeParse(value).success
              ? Promise.resolve()
              : Promise.reject(new Error(t('org.common.codeRule'))),
        },
      ]}
    >
      <Input maxLength={32} autoComplete="off" data-testid={testId} />
    </Form.Item>
  );
}

export function NameField({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="name"
      label={t('org.common.name')}
      rules={[{ required: true, whitespace: true, message: t('org.common.required') }]}
    >
      <Input maxLength={100} autoComplete="off" data-testid={testId} />
    </Form.Item>
  );
}

/** The place among its siblings; lists sort by it. */
export function SortOrderField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="sortOrder" label={t('org.common.sortOrder')}>
      <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
}
