import {
  ArrowLeftOutlined,
  CameraOutlined,
  DeleteOutlined,
  EnvironmentOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS } from '../../../shared/domain/case.ts';
import { KEY_RECORD_FIELDS } from '../../../shared/domain/key-household.ts';
import { AID_AMOUNT_MAX, VISIT_FORMS, VISIT_SERVICES } from '../../../shared/domain/visit.ts';
import { navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { FilePickerButton } from '../../components/FilePickerButton.tsx';
import { queueVisit } from '../../offline/outbox.ts';
import { FieldError } from './FieldError.tsx';
import { fieldPaths } from './field-path.ts';
import { useFieldSync } from './field-sync.tsx';
import { preparePhoto } from './photo.ts';
import { useTargetCard } from './TargetCardPage.tsx';
import { toCreateVisit, type VisitDraft } from './visit-draft.ts';

type TargetType = 'household' | 'enterprise';

interface FormValues {
  form: VisitDraft['form'];
  startedAt: Dayjs;
  endedAt?: Dayjs | null;
  notes: string;
  services: VisitDraft['services'];
  aidAmounts?: VisitDraft['aidAmounts'];
  keyRecord?: Partial<Record<(typeof KEY_RECORD_FIELDS)[number], string>>;
  issues?: VisitDraft['issues'];
  opinions?: string;
}

type CheckIn =
  | { state: 'none' }
  | { state: 'locating' }
  | { state: 'done'; latitude: number; longitude: number; accuracy: number }
  | { state: 'denied' };

const URGENCIES = ['ordinary', 'important', 'urgent'] as const;

/**
 * The visit form. Saving never talks to the server: the visit and its photos go into the phone's
 * outbox (with a clientId made once), and the sync engine sends them when it can. Works offline
 * from the kept card.
 */
export function VisitFormPage({ type, id }: { type: TargetType; id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const sync = useFieldSync();
  const card = useTargetCard(type, id);
  const [form] = Form.useForm<FormValues>();
  const chosenServices: VisitDraft['services'] = Form.useWatch('services', form) ?? [];
  const [checkIn, setCheckIn] = useState<CheckIn>({ state: 'none' });
  const [photos, setPhotos] = useState<{ name: string; blob: Blob; url: string }[]>([]);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const photoUrls = useRef<string[]>([]);

  useEffect(
    () => () => {
      for (const url of photoUrls.current) URL.revokeObjectURL(url);
    },
    [],
  );

  if (card.status === 'loading') return <Skeleton active />;
  if (card.status === 'error') return <FieldError error={card.error} onRetry={card.reload} />;
  const { kept } = card.data;
  const label =
    card.data.household?.address ??
    card.data.enterprise?.name ??
    (kept ? ('names' in kept ? kept.address : kept.name) : '');
  const isKey = card.data.household?.isKey ?? (kept && 'names' in kept ? kept.isKey : false);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setCheckIn({ state: 'denied' });
      return;
    }
    setCheckIn({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) =>
        setCheckIn({
          state: 'done',
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
          accuracy: Math.round(position.coords.accuracy),
        }),
      () => setCheckIn({ state: 'denied' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const addPhotos = async (files: readonly File[]) => {
    const added = await Promise.all(files.map((file) => preparePhoto(file)));
    const withUrls = added.map((p) => {
      const url = URL.createObjectURL(p.blob);
      photoUrls.current.push(url);
      return { ...p, url };
    });
    setPhotos((current) => [...current, ...withUrls]);
  };

  const save = async (values: FormValues) => {
    setProblem(null);
    const draft: VisitDraft = {
      form: values.form,
      target: type === 'household' ? { type, householdId: id } : { type, enterpriseId: id },
      startedAt: values.startedAt.toDate(),
      endedAt: values.endedAt ? values.endedAt.toDate() : null,
      checkIn:
        checkIn.state === 'done'
          ? { latitude: checkIn.latitude, longitude: checkIn.longitude, accuracy: checkIn.accuracy }
          : null,
      notes: values.notes,
      services: values.services ?? [],
      aidAmounts: values.aidAmounts ?? {},
      keyRecord: isKey ? (values.keyRecord ?? null) : null,
      issues: (values.issues ?? []).map((issue) => ({
        ...issue,
        resolvedOnSpot: Boolean(issue.resolvedOnSpot),
      })),
      opinions: values.opinions ?? '',
    };
    const parsed = toCreateVisit(draft);
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    setSaving(true);
    try {
      await queueVisit({
        userId: me.id,
        label,
        visit: parsed.data,
        photos: photos.map(({ name, blob }) => ({ name, blob })),
      });
      sync.touched();
      void message.success(t('field.form.saved'));
      navigate(fieldPaths.home('outbox'));
      void sync.engine.flush();
    } catch (error) {
      setProblem(String(error));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('field.form.required') }];

  return (
    <Flex vertical gap={12} data-testid="field-visit-form">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate(fieldPaths.card(type, id))}
        style={{ padding: 0, alignSelf: 'flex-start' }}
      >
        {t('field.back')}
      </Button>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('field.form.title')} · {label}
      </Typography.Title>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        initialValues={{ form: 'routine', startedAt: dayjs(), services: [], issues: [] }}
      >
        <Form.Item name="form" label={t('field.form.form')}>
          <Select options={VISIT_FORMS.map((value) => ({ value, label: t(`field.forms.${value}`) }))} />
        </Form.Item>
        <Flex gap={8} wrap>
          <Form.Item
            name="startedAt"
            label={t('field.form.startedAt')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 150 }}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              inputReadOnly
            />
          </Form.Item>
          <Form.Item
            name="endedAt"
            label={t('field.form.endedAt')}
            style={{ flex: 1, minWidth: 150 }}
            dependencies={['startedAt']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value: Dayjs | null | undefined) =>
                  value?.isBefore(getFieldValue('startedAt') as Dayjs)
                    ? Promise.reject(new Error(t('field.form.endBeforeStart')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              placeholder={dayjs().format('YYYY-MM-DD HH:mm')}
              inputReadOnly
            />
          </Form.Item>
        </Flex>
        <Form.Item label={t('field.form.checkIn')}>
          <Flex vertical gap={4}>
            <Button
              icon={<EnvironmentOutlined />}
              onClick={locate}
              loading={checkIn.state === 'locating'}
              data-testid="field-check-in"
            >
              {t('field.form.checkInNow')}
            </Button>
            {checkIn.state === 'done' && (
              <Typography.Text type="success" data-testid="field-check-in-done">
                {t('field.form.checkInDone', { accuracy: checkIn.accuracy })}
              </Typography.Text>
            )}
            {checkIn.state === 'denied' && (
              <Typography.Text type="warning">{t('field.form.checkInDenied')}</Typography.Text>
            )}
          </Flex>
        </Form.Item>
        <Form.Item name="notes" label={t('field.form.notes')} rules={required}>
          <Input.TextArea
            rows={4}
            placeholder={t('field.form.notesPlaceholder')}
            data-testid="field-notes"
            maxLength={8000}
          />
        </Form.Item>
        <Form.Item name="services" label={t('field.form.services')}>
          <Checkbox.Group
            options={VISIT_SERVICES.map((value) => ({ value, label: t(`field.services.${value}`) }))}
          />
        </Form.Item>
        {chosenServices.map((service) => (
          <Form.Item
            key={service}
            name={['aidAmounts', service]}
            label={t('field.form.aidAmount', { service: t(`field.services.${service}`) })}
            extra={t('field.form.aidAmountHelp')}
          >
            <InputNumber
              min={0}
              max={AID_AMOUNT_MAX}
              precision={2}
              step={10}
              suffix={t('field.form.yuan')}
              style={{ width: '100%' }}
              data-testid={`field-aid-${service}`}
            />
          </Form.Item>
        ))}
        {isKey && (
          <Card size="small" title={t('field.form.keyRecord')} style={{ marginBottom: 16 }}>
            {KEY_RECORD_FIELDS.map((field) => (
              <Form.Item key={field} name={['keyRecord', field]} label={t(`field.keyFields.${field}`)}>
                <Input.TextArea rows={2} maxLength={2000} data-testid={`field-key-${field}`} />
              </Form.Item>
            ))}
          </Card>
        )}
        <Form.Item label={t('field.form.photos')}>
          <Flex vertical gap={8}>
            <FilePickerButton
              accept="image/*"
              capture="environment"
              multiple
              icon={<CameraOutlined />}
              inputTestId="field-photo-input"
              data-testid="field-add-photo"
              onFiles={(files) => void addPhotos(files)}
            >
              {t('field.form.addPhoto')}
            </FilePickerButton>
            <Flex wrap gap={8}>
              {photos.map((photo, index) => (
                <Flex key={photo.url} vertical align="center" gap={2} data-testid="field-photo">
                  <img
                    src={photo.url}
                    alt={photo.name}
                    style={{ width: 80, height: 80, objectFit: 'cover', borderRadius: 4 }}
                  />
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => setPhotos((current) => current.filter((_, i) => i !== index))}
                  >
                    {t('field.form.removePhoto')}
                  </Button>
                </Flex>
              ))}
            </Flex>
          </Flex>
        </Form.Item>
        <Typography.Text strong>{t('field.form.issues')}</Typography.Text>
        <Form.List name="issues">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginTop: 8, marginBottom: 16 }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  data-testid={`field-issue-${index}`}
                  title={t('field.form.issueN', { n: index + 1 })}
                  extra={
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('field.form.removeIssue')}
                    />
                  }
                >
                  <Form.Item name={[field.name, 'title']} label={t('field.form.issueTitle')} rules={required}>
                    <Input maxLength={100} data-testid={`field-issue-${index}-title`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'description']}
                    label={t('field.form.issueDescription')}
                    rules={required}
                  >
                    <Input.TextArea
                      rows={2}
                      maxLength={4000}
                      data-testid={`field-issue-${index}-description`}
                    />
                  </Form.Item>
                  <Flex gap={8} wrap>
                    <Form.Item
                      name={[field.name, 'kind']}
                      label={t('field.form.kind')}
                      style={{ flex: 1, minWidth: 120 }}
                    >
                      <Select
                        options={CASE_KINDS.map((value) => ({ value, label: t(`field.kinds.${value}`) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'urgency']}
                      label={t('field.form.urgency')}
                      style={{ flex: 1, minWidth: 120 }}
                    >
                      <Select
                        options={URGENCIES.map((value) => ({ value, label: t(`field.urgencies.${value}`) }))}
                      />
                    </Form.Item>
                  </Flex>
                  <Form.Item
                    name={[field.name, 'resolvedOnSpot']}
                    valuePropName="checked"
                    label={t('field.form.resolvedOnSpot')}
                  >
                    <Switch data-testid={`field-issue-${index}-on-spot`} />
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['issues', field.name, 'resolvedOnSpot']]}>
                    {({ getFieldValue }) =>
                      getFieldValue(['issues', field.name, 'resolvedOnSpot']) ? (
                        <Form.Item
                          name={[field.name, 'resolution']}
                          label={t('field.form.resolution')}
                          rules={required}
                        >
                          <Input.TextArea
                            rows={2}
                            maxLength={4000}
                            data-testid={`field-issue-${index}-resolution`}
                          />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'help', urgency: 'ordinary', resolvedOnSpot: false })}
                data-testid="field-add-issue"
              >
                {t('field.form.addIssue')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="opinions" label={t('opinions.formLabel')} extra={t('opinions.formHelp')}>
          <Input.TextArea rows={3} maxLength={20000} data-testid="field-opinions" />
        </Form.Item>
        {problem && (
          <Alert
            type="error"
            showIcon
            title={problem}
            style={{ marginBottom: 12 }}
            data-testid="field-form-problem"
          />
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={saving} data-testid="field-save">
          {t('field.form.save')}
        </Button>
      </Form>
    </Flex>
  );
}
