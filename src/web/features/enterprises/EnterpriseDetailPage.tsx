import { DeleteOutlined, EditOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Skeleton, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseDetail } from '../../../shared/domain/enterprise.ts';
import { formatPosition } from '../../../shared/map/position.ts';
import { useAsync } from '../../api/use-async.ts';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { navigate } from '../../app/router.ts';
import { MaskedValue } from '../../components/MaskedValue.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionBreadcrumb } from '../../components/RegionBreadcrumb.tsx';
import { TagChips } from '../../components/TagChips.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { TargetHistory } from '../households/TargetHistory.tsx';
import { AssignLiaisonModal } from './AssignLiaisonModal.tsx';
import { EnterpriseFormDrawer } from './EnterpriseFormDrawer.tsx';
import { EnterpriseUnmaskModal } from './EnterpriseUnmaskModal.tsx';
import { useEnterprisesApi } from './enterprises-api.ts';
import { enterpriseListPath } from './enterprises-path.ts';
import { RemoveEnterpriseModal } from './RemoveEnterpriseModal.tsx';
import { useEnterpriseTags } from './use-enterprise-tags.ts';

type Dialog = 'edit' | 'remove' | 'liaison' | 'unmask' | null;

/**
 * One enterprise: where it is, what is on record, its liaison, and its contact with the phone
 * masked by the server. The buttons are exactly the actions the server offers for it. A revealed
 * phone lives only in this page's state. Outside the user's scope the server answers 404, shown
 * as the not-found page.
 */
export function EnterpriseDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useEnterprisesApi();
  const tags = useEnterpriseTags();
  const load = useCallback((signal: AbortSignal) => api.get(id, signal), [api, id]);
  const loaded = useAsync(load);
  // A write answers with the enterprise as it now is; show that instead of loading again.
  const [updated, setUpdated] = useState<EnterpriseDetail | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (loaded.status === 'error' && loaded.error.code === 'NOT_FOUND') return <NotFoundPage />;
  if (loaded.status === 'error') return <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.status === 'loading') return <Skeleton active paragraph={{ rows: 8 }} />;

  const data = updated ?? loaded.data;
  const may = (action: EnterpriseDetail['actions'][number]) => data.actions.includes(action);
  const none = <Typography.Text type="secondary">{t('enterprises.none')}</Typography.Text>;
  const contactName = data.contactName ?? data.name;

  const phone =
    data.contactPhoneMasked === null ? (
      none
    ) : (
      <MaskedValue
        value={revealed ?? data.contactPhoneMasked}
        revealed={revealed !== null}
        testId="contact-phone"
        unmask={
          may('unmask')
            ? {
                text: t('enterprises.unmask'),
                label: t('enterprises.unmaskFor', { name: contactName }),
                testId: 'unmask-contact-phone',
                onClick: () => setDialog('unmask'),
              }
            : undefined
        }
        hide={{
          text: t('enterprises.hide'),
          label: t('enterprises.hideFor', { name: contactName }),
          onClick: () => setRevealed(null),
        }}
      />
    );

  return (
    <Flex vertical gap={16}>
      <RegionBreadcrumb
        path={data.regionPath}
        listPath={(regionId) => enterpriseListPath({ regionId })}
        current={{ key: 'enterprise', title: data.name }}
        testId="enterprise-breadcrumb"
      />
      <PageHeader
        title={data.name}
        subtitle={t('enterprises.detailSubtitle', { code: data.creditCode })}
        titleTestId="enterprise-title"
        extra={
          <Flex wrap gap={8}>
            {may('edit') && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="enterprise-edit">
                {t('enterprises.edit')}
              </Button>
            )}
            {may('assign-liaison') && (
              <Button
                icon={<UserSwitchOutlined />}
                onClick={() => setDialog('liaison')}
                data-testid="enterprise-assign"
              >
                {t(data.liaisonId ? 'enterprises.changeLiaison' : 'enterprises.assignLiaison')}
              </Button>
            )}
            {may('remove') && (
              <Button
                danger
                icon={<DeleteOutlined />}
                onClick={() => setDialog('remove')}
                data-testid="enterprise-remove"
              >
                {t('enterprises.remove')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          data-testid="enterprise-details"
          items={[
            {
              key: 'creditCode',
              label: t('enterprises.creditCode'),
              children: (
                <span style={{ fontFamily: 'monospace' }} data-testid="enterprise-credit-code">
                  {data.creditCode}
                </span>
              ),
            },
            { key: 'grid', label: t('enterprises.grid'), children: data.gridName },
            {
              key: 'liaison',
              label: t('enterprises.liaison'),
              children: (
                <span data-testid="enterprise-liaison">{data.liaisonName ?? t('enterprises.noLiaison')}</span>
              ),
            },
            {
              key: 'address',
              label: t('enterprises.address'),
              span: 'filled',
              children: <span data-testid="enterprise-address">{data.address}</span>,
            },
            {
              key: 'tags',
              label: t('enterprises.tags'),
              span: 'filled',
              children:
                data.tags.length > 0 ? <TagChips codes={data.tags} label={tags.label} color="blue" /> : none,
            },
            {
              key: 'position',
              label: t('map.position.label'),
              span: 'filled',
              children: (
                // Coordinates mean nothing to a reader; they stay one hover away for whoever checks a check-in.
                <span data-testid="enterprise-position">
                  {data.position ? (
                    <Tooltip title={formatPosition(data.position)}>
                      <span>{t('map.position.recorded')}</span>
                    </Tooltip>
                  ) : (
                    t('map.position.none')
                  )}
                </span>
              ),
            },
            { key: 'contactName', label: t('enterprises.contactName'), children: data.contactName ?? none },
            { key: 'contactPhone', label: t('enterprises.contactPhone'), children: phone },
          ]}
        />
      </Card>
      <TargetHistory target={{ enterpriseId: data.id }} name={data.name} />
      {dialog === 'edit' && (
        <EnterpriseFormDrawer
          enterprise={data}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setUpdated(saved);
            setRevealed(null);
            setDialog(null);
          }}
        />
      )}
      {dialog === 'liaison' && (
        <AssignLiaisonModal
          enterprise={data}
          onClose={() => setDialog(null)}
          onSaved={(saved, assigned) => {
            setUpdated(saved);
            setDialog(null);
            void message.success(
              t(assigned ? 'enterprises.liaisonDialog.assigned' : 'enterprises.liaisonDialog.unassigned'),
            );
          }}
        />
      )}
      {dialog === 'remove' && (
        <RemoveEnterpriseModal
          name={data.name}
          onClose={() => setDialog(null)}
          onConfirm={async (reason) => {
            await api.remove(data.id, reason);
            void message.success(t('enterprises.removeDialog.removed'));
            navigate(enterpriseListPath());
          }}
        />
      )}
      {dialog === 'unmask' && (
        <EnterpriseUnmaskModal
          contactName={contactName}
          onClose={() => setDialog(null)}
          onConfirm={async (reason) => {
            setRevealed(await api.unmaskContactPhone(data.id, reason));
            setDialog(null);
          }}
        />
      )}
    </Flex>
  );
}
