import { Alert, Button, Card, Flex, Form, Input, Result, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS, type CaseKind } from '../../../shared/domain/case.ts';
import type { PublicReportReceipt } from '../../../shared/domain/public-report.ts';
import { normaliseMobilePhone } from '../../../shared/validation/phone.ts';
import { ApiError } from '../../api/api-error.ts';
import { PublicShell } from '../../components/PublicShell.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { StatusLinkNote } from '../resident-status/StatusLinkNote.tsx';
import { PhoneCodeField } from './PhoneCodeField.tsx';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker.tsx';
import { entryOfLocation } from './public-entry-param.ts';
import { usePublicReportApi } from './public-report-api.ts';
import { RetiredCodeNotice } from './RetiredCodeNotice.tsx';
import { base64Of } from './shrink-photo.ts';
import { usePublicPlace } from './use-public-place.ts';

interface ReportFields {
  kind: CaseKind;
  title: string;
  description: string;
  address?: string;
  name?: string;
  phone: string;
  phoneCode?: string;
}

const asApiError = (error: unknown) => (error instanceof ApiError ? error : ApiError.fromStatus(0));

/**
 * The page a QR code opens (`/q/<code>`, or the older `/report/<regionId>`): a resident reports an
 * issue without an account, with up to three photos, and gets the case number back. Made for a
 * phone first, and for WeChat's browser (a plain form, a plain file input, no WeChat APIs). A link
 * from another channel's menu carries a signed `?entry=`, sent along as it is (the server checks it).
 */
export function PublicReportPage({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const api = usePublicReportApi();
  const [attempt, setAttempt] = useState(0);
  const region = usePublicPlace(api, pathname, attempt);
  const [entry] = useState(entryOfLocation);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [receipt, setReceipt] = useState<PublicReportReceipt | null>(null);
  const [form] = Form.useForm<ReportFields>();

  const submit = async (fields: ReportFields) => {
    if (region.status !== 'ready') return;
    setSending(true);
    setFailure(null);
    try {
      const photoBodies = await Promise.all(
        photos.map(async (photo) => ({ fileName: photo.name, data: await base64Of(photo.blob) })),
      );
      setReceipt(
        await api.submit({
          ...region.place.target,
          ...(entry ? { entry } : {}),
          ...(fields.phoneCode ? { phoneCode: fields.phoneCode } : {}),
          ...(photoBodies.length > 0 ? { photos: photoBodies } : {}),
          kind: fields.kind,
          title: fields.title.trim(),
          description: fields.description.trim(),
          phone: fields.phone,
          ...(fields.address?.trim() ? { address: fields.address.trim() } : {}),
          ...(fields.name?.trim() ? { name: fields.name.trim() } : {}),
        }),
      );
      form.resetFields();
      for (const photo of photos) URL.revokeObjectURL(photo.url);
      setPhotos([]);
    } catch (error) {
      setFailure(asApiError(error));
    } finally {
      setSending(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('publicReport.required') };

  const body = () => {
    switch (region.status) {
      case 'loading':
        return (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin size="large" />
          </Flex>
        );
      case 'unknown':
        return (
          <Alert type="warning" showIcon title={t('publicReport.unknownPlace')} data-testid="unknown-place" />
        );
      case 'retired':
        return <RetiredCodeNotice replacedBy={region.replacedBy} />;
      case 'error':
        return <ApiErrorAlert error={region.error} onRetry={() => setAttempt((n) => n + 1)} />;
      case 'ready':
        if (receipt)
          return (
            <Result
              status="success"
              title={t('publicReport.doneTitle')}
              subTitle={
                <Flex vertical gap={8}>
                  <Typography.Text
                    strong
                    copyable={{ text: receipt.number }}
                    data-testid="case-number"
                    style={{ fontSize: 18 }}
                  >
                    {t('publicReport.doneNumber', { number: receipt.number })}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t('publicReport.doneHint')}</Typography.Text>
                  {receipt.statusPath ? <StatusLinkNote path={receipt.statusPath} /> : null}
                </Flex>
              }
              extra={
                <Button type="primary" onClick={() => setReceipt(null)}>
                  {t('publicReport.another')}
                </Button>
              }
            />
          );
        return (
          <>
            <Typography.Paragraph type="secondary">{t('publicReport.intro')}</Typography.Paragraph>
            <Typography.Paragraph data-testid="reports-to">
              <Typography.Text type="secondary">{t('publicReport.reportsTo')}：</Typography.Text>
              <Typography.Text strong>{region.place.names.join(' / ')}</Typography.Text>
            </Typography.Paragraph>
            <Form<ReportFields>
              form={form}
              layout="vertical"
              requiredMark="optional"
              initialValues={{ kind: 'help' }}
              onFinish={(fields) => void submit(fields)}
              disabled={sending}
            >
              <Form.Item name="kind" label={t('publicReport.kind')} rules={[{ required: true }]}>
                <Select
                  options={CASE_KINDS.map((kind) => ({
                    value: kind,
                    label: t(`publicReport.kinds.${kind}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="title" label={t('publicReport.titleLabel')} rules={[required]}>
                <Input maxLength={100} placeholder={t('publicReport.titlePlaceholder')} />
              </Form.Item>
              <Form.Item name="description" label={t('publicReport.description')} rules={[required]}>
                <Input.TextArea
                  rows={5}
                  maxLength={4000}
                  showCount
                  placeholder={t('publicReport.descriptionPlaceholder')}
                />
              </Form.Item>
              <Form.Item name="address" label={t('publicReport.address')}>
                <Input maxLength={200} placeholder={t('publicReport.addressPlaceholder')} />
              </Form.Item>
              <Form.Item label={t('publicReport.photos')}>
                <PhotoPicker photos={photos} onChange={setPhotos} disabled={sending} />
              </Form.Item>
              <Form.Item name="name" label={t('publicReport.name')}>
                <Input maxLength={50} autoComplete="name" />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('publicReport.phone')}
                extra={t('publicReport.phoneHint')}
                rules={[
                  required,
                  {
                    validator: async (_rule, value: string | undefined) => {
                      if (value && normaliseMobilePhone(value) === null)
                        throw new Error(t('publicReport.phoneInvalid'));
                    },
                  },
                ]}
              >
                <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
              </Form.Item>
              {region.place.phoneVerification ? (
                <PhoneCodeField
                  readPhone={() =>
                    form.validateFields(['phone']).then(
                      (fields) => fields.phone,
                      () => null,
                    )
                  }
                  send={(phone) => api.sendPhoneCode({ phone, ...region.place.target })}
                />
              ) : null}
              {failure ? (
                <Form.Item>
                  {failure.code === 'RATE_LIMITED' ? (
                    <Alert type="warning" showIcon title={t('publicReport.tooMany')} />
                  ) : (
                    <ApiErrorAlert error={failure} />
                  )}
                </Form.Item>
              ) : null}
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('publicReport.privacy')}
              </Typography.Paragraph>
              <Button type="primary" htmlType="submit" block size="large" loading={sending}>
                {sending ? t('publicReport.submitting') : t('publicReport.submit')}
              </Button>
            </Form>
          </>
        );
    }
  };

  return (
    <PublicShell maxWidth={560}>
      <Card title={<span data-testid="public-report-title">{t('publicReport.title')}</span>}>{body()}</Card>
    </PublicShell>
  );
}
