import { Alert, Button, Flex, Modal, Select, Skeleton, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseDetail } from '../../../shared/domain/enterprise.ts';
import { useAsync } from '../../api/use-async.ts';
import { useDialogAction } from '../../components/use-dialog-action.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useEnterprisesApi } from './enterprises-api.ts';

/**
 * Chooses the enterprise's liaison (陪跑员) among the accounts the server offers: active, with a
 * liaison grant that reaches the enterprise. Also removes the assignment.
 */
export function AssignLiaisonModal({
  enterprise,
  onSaved,
  onClose,
}: {
  enterprise: EnterpriseDetail;
  onSaved: (saved: EnterpriseDetail, assigned: boolean) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useEnterprisesApi();
  const load = useCallback(
    (signal: AbortSignal) => api.liaisonCandidates(enterprise.id, signal),
    [api, enterprise.id],
  );
  const candidates = useAsync(load);
  const [choice, setChoice] = useState<string | undefined>(enterprise.liaisonId ?? undefined);
  const action = useDialogAction();
  const save = (userId: string | null) =>
    action.run(async () => onSaved(await api.assignLiaison(enterprise.id, userId), userId !== null));

  const options =
    candidates.status === 'success'
      ? candidates.data.map((c) => ({
          value: c.id,
          label: t('enterprises.liaisonDialog.candidate', { name: c.displayName, scope: c.scopeName }),
        }))
      : [];

  return (
    <Modal
      open
      title={t('enterprises.liaisonDialog.title')}
      onCancel={onClose}
      footer={
        <Flex justify="space-between" wrap gap={8}>
          <div>
            {enterprise.liaisonId && (
              <Button danger disabled={action.busy} onClick={() => save(null)} data-testid="liaison-unassign">
                {t('enterprises.liaisonDialog.unassign')}
              </Button>
            )}
          </div>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('enterprises.cancel')}</Button>
            <Button
              type="primary"
              loading={action.busy}
              disabled={!choice || choice === enterprise.liaisonId}
              onClick={() => choice && save(choice)}
              data-testid="liaison-confirm"
            >
              {t('enterprises.liaisonDialog.confirm')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Flex vertical gap={12} data-testid="liaison-modal">
        <Typography.Text strong>{enterprise.name}</Typography.Text>
        {enterprise.liaisonName && (
          <Typography.Text>
            {t('enterprises.liaisonDialog.current', { name: enterprise.liaisonName })}
          </Typography.Text>
        )}
        {candidates.status === 'loading' && <Skeleton active paragraph={{ rows: 1 }} />}
        {candidates.status === 'error' && (
          <ApiErrorAlert error={candidates.error} onRetry={candidates.reload} />
        )}
        {candidates.status === 'success' && options.length === 0 && (
          <Alert type="info" showIcon title={t('enterprises.liaisonDialog.noCandidates')} />
        )}
        {options.length > 0 && (
          <Select<string>
            value={choice}
            onChange={setChoice}
            options={options}
            placeholder={t('enterprises.liaisonDialog.placeholder')}
            aria-label={t('enterprises.liaisonDialog.choose')}
            style={{ width: '100%' }}
            data-testid="liaison-select"
          />
        )}
        {action.error && <ApiErrorAlert error={action.error} />}
      </Flex>
    </Modal>
  );
}
