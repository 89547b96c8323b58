import { Alert, App, Button, Card, Flex, Form, Input, Radio, Switch, TreeSelect, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENTRY_CHANNELS, type EntryChannel } from '../../../shared/domain/public-entry.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { regionTreeData } from '../../components/region-tree-data.ts';
import { useDialogAction } from '../../components/use-dialog-action.ts';
import { useRegionTree } from '../../components/use-region-tree.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { codeFormPath, ENTRY_REGION_LEVELS, regionFormPath } from './entry-place.ts';
import { usePublicIntakeApi } from './public-intake-api.ts';

/** The district's switch: residents confirm their phone by SMS code, or not. */
function PhoneVerificationCard() {
  const { t } = useTranslation();
  const api = usePublicIntakeApi();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => api.settings(signal), [api]);
  const settings = useAsync(load);
  const [saving, setSaving] = useState(false);
  // What the switch shows once saved, without reloading the settings.
  const [saved, setSaved] = useState<boolean | null>(null);
  const on = saved ?? settings.data?.phoneVerification ?? false;

  const change = async (phoneVerification: boolean) => {
    setSaving(true);
    try {
      const next = await api.saveSettings({ ...settings.data, phoneVerification });
      setSaved(next.phoneVerification);
      void message.success(t(next.phoneVerification ? 'publicIntake.smsSaved' : 'publicIntake.smsSavedOff'));
    } catch (error) {
      void message.error(t(toApiError(error).messageKey));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('publicIntake.smsTitle')}>
      {settings.status === 'error' ? (
        <ApiErrorAlert error={settings.error} onRetry={settings.reload} />
      ) : (
        <Flex vertical gap={12}>
          <Flex gap={12} align="center" wrap>
            <Switch
              checked={on}
              loading={settings.status === 'loading' || saving}
              disabled={settings.status !== 'success'}
              onChange={(checked) => void change(checked)}
              checkedChildren={t('publicIntake.smsOn')}
              unCheckedChildren={t('publicIntake.smsOff')}
              aria-label={t('publicIntake.smsSwitch')}
              data-testid="public-intake-sms"
            />
            <Typography.Text strong>{t('publicIntake.smsSwitch')}</Typography.Text>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('publicIntake.smsExplain')}
          </Typography.Paragraph>
        </Flex>
      )}
    </Card>
  );
}

/** A community or a grid of the user's part of the hierarchy (the levels the public form takes). */
function ReportableRegionSelect({
  value,
  onChange,
  id,
}: {
  value?: string | undefined;
  onChange?: (value: string) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const { nodes, loadChildren } = useRegionTree();
  return (
    <TreeSelect
      id={id}
      showSearch={false}
      value={value}
      placeholder={t('publicIntake.regionPlaceholder')}
      treeDataSimpleMode
      treeData={regionTreeData(nodes, ENTRY_REGION_LEVELS)}
      loadData={(node) => loadChildren(String(node.value))}
      onChange={(next: string) => onChange?.(next)}
      style={{ width: '100%', maxWidth: 360 }}
      popupMatchSelectWidth={false}
      data-testid="public-intake-region"
    />
  );
}

interface LinkValues {
  channel: EntryChannel;
  placeKind: 'region' | 'code';
  regionId?: string;
  code?: string;
}

/** Makes a signed entry link of the form for a channel and a place, shown to copy. */
function EntryLinkCard() {
  const { t } = useTranslation();
  const api = usePublicIntakeApi();
  const [form] = Form.useForm<LinkValues>();
  const placeKind = Form.useWatch('placeKind', form) ?? 'region';
  const action = useDialogAction();
  const [link, setLink] = useState<string | null>(null);

  const make = (values: LinkValues) => {
    const path =
      values.placeKind === 'code' ? codeFormPath(values.code ?? '') : regionFormPath(values.regionId ?? '');
    if (!path) return;
    return action.run(async () => {
      const made = await api.makeEntryLink({ channel: values.channel, path });
      setLink(`${window.location.origin}${made.path}`);
      action.reset();
    });
  };

  return (
    <Card title={t('publicIntake.linkTitle')}>
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('publicIntake.linkExplain')}
        </Typography.Paragraph>
        <Form<LinkValues>
          form={form}
          layout="vertical"
          initialValues={{ channel: 'wechat', placeKind: 'region' }}
          onValuesChange={() => setLink(null)}
          onFinish={(values) => void make(values)}
          style={{ maxWidth: 520 }}
        >
          <Form.Item name="channel" label={t('publicIntake.channel')} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="public-intake-channel"
              options={ENTRY_CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="placeKind" label={t('publicIntake.placeKind')}>
            <Radio.Group
              options={[
                { value: 'region', label: t('publicIntake.placeRegion') },
                { value: 'code', label: t('publicIntake.placeCode') },
              ]}
            />
          </Form.Item>
          {placeKind === 'region' ? (
            <Form.Item
              name="regionId"
              label={t('publicIntake.region')}
              rules={[{ required: true, message: t('publicIntake.regionRequired') }]}
            >
              <ReportableRegionSelect />
            </Form.Item>
          ) : (
            <Form.Item
              name="code"
              label={t('publicIntake.code')}
              rules={[
                {
                  validator: (_rule, value: string | undefined) =>
                    codeFormPath(value ?? '')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('publicIntake.codeInvalid'))),
                },
              ]}
            >
              <Input placeholder={t('publicIntake.codePlaceholder')} data-testid="public-intake-code" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={action.busy} data-testid="public-intake-make">
            {t('publicIntake.make')}
          </Button>
        </Form>
        {action.error && <ApiErrorAlert error={action.error} />}
        {link && (
          <Alert
            type="success"
            message={t('publicIntake.result')}
            description={
              <Flex vertical gap={4}>
                <Typography.Text
                  code
                  copyable
                  data-testid="public-intake-link"
                  style={{ wordBreak: 'break-all' }}
                >
                  {link}
                </Typography.Text>
                <Typography.Text type="secondary">{t('publicIntake.resultNote')}</Typography.Text>
              </Flex>
            }
          />
        )}
      </Flex>
    </Card>
  );
}

/** /admin/public-intake: the district's public form — SMS phone confirmation and entry links. */
export function PublicIntakePage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('publicIntake.title')} subtitle={t('publicIntake.subtitle')} />
      <PhoneVerificationCard />
      <EntryLinkCard />
    </Flex>
  );
}
