import { Button, Flex, Form, Input, Modal, Table } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/domain/campaign.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useCampaignsApi } from './campaigns-api.ts';

/** The campaigns in scope, latest first; a leader (visits:plan) creates one here. */
export function CampaignListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const campaigns = useCampaignsApi();
  const [creating, setCreating] = useState(false);
  const load = useCallback((signal: AbortSignal) => campaigns.list(signal), [campaigns]);
  const list = useAsync(load);
  const mayPlan = me.permissions.includes('visits:plan');
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        titleTestId="campaigns-title"
        extra={
          mayPlan && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="campaign-new">
              {t('campaigns.create')}
            </Button>
          )
        }
      />
      {list.status === 'error' && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Campaign>
        rowKey="id"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t(mayPlan ? 'campaigns.emptyMayPlan' : 'campaigns.empty') }}
        data-testid="campaign-list"
        columns={[
          {
            key: 'name',
            title: t('campaigns.name'),
            render: (_, c) => (
              <a href={`/campaigns/${c.id}`} onClick={(e) => followLink(e, `/campaigns/${c.id}`)}>
                {c.name}
              </a>
            ),
          },
          { key: 'region', title: t('campaigns.region'), render: (_, c) => c.region.name },
          {
            key: 'period',
            title: t('campaigns.period'),
            render: (_, c) => t('campaigns.periodText', { from: c.from, to: c.to }),
          },
          { key: 'examples', title: t('campaigns.examples'), dataIndex: 'examples' },
        ]}
      />
      {creating && <NewCampaignModal onClose={() => setCreating(false)} />}
    </Flex>
  );
}

function NewCampaignModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const campaigns = useCampaignsApi();
  const today = cstDay(new Date());
  const [name, setName] = useState('');
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const { busy, save } = useToastSave();
  const ready = name.trim() !== '' && region !== null && from !== '' && to !== '';
  const submit = async () => {
    if (!ready || !region) return;
    let id = '';
    await save(
      async () => {
        id = (await campaigns.create({ name: name.trim(), regionId: region.id, from, to })).id;
      },
      t('campaigns.created'),
      () => navigate(`/campaigns/${id}`),
    );
  };
  return (
    <Modal
      open
      title={t('campaigns.create')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !ready, id: 'campaign-save' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('campaigns.name')} required>
          <Input
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            data-testid="campaign-name"
          />
        </Form.Item>
        <Form.Item label={t('campaigns.region')} required>
          <RegionTreeSelect
            value={region}
            onChange={setRegion}
            placeholder={t('campaigns.region')}
            testId="campaign-region"
            pickFirst
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item label={t('campaigns.from')} required style={{ flex: 1 }}>
            <DateField value={from} onChange={setFrom} data-testid="campaign-from" />
          </Form.Item>
          <Form.Item label={t('campaigns.to')} required style={{ flex: 1 }}>
            <DateField value={to} onChange={setTo} data-testid="campaign-to" />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
