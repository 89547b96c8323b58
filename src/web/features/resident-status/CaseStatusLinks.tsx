import { App, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/domain/case.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useResidentStatusApi } from './resident-status-api.ts';

/**
 * The case page's card for the resident's status links: how many work; for those who own what
 * the resident is told (the dispatchers and the first responder: whoever may send a progress
 * notice), revoke them all or issue a new one, whose path is shown once.
 */
export function CaseStatusLinks({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useResidentStatusApi();
  const load = useCallback((signal: AbortSignal) => api.links(detail.id, signal), [api, detail.id]);
  const links = useAsync(load);
  const [issuedPath, setIssuedPath] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mayManage =
    detail.actions.includes('progress_notice') ||
    detail.unavailableActions.some((u) => u.action === 'progress_notice');

  const act = async (work: () => Promise<{ path?: string | undefined }>) => {
    setBusy(true);
    try {
      const done = await work();
      setIssuedPath(done.path ?? null);
      links.reload();
    } catch (caught) {
      message.error(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('residentStatus.staffTitle')} data-testid="case-status-links">
      {links.status === 'error' ? (
        <ApiErrorAlert error={links.error} onRetry={links.reload} />
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text data-testid="case-status-links-live">
            {links.data && links.data.live > 0
              ? t('residentStatus.staffLive', { count: links.data.live })
              : t('residentStatus.staffNone')}
          </Typography.Text>
          {issuedPath ? (
            <Typography.Text copyable={{ text: `${window.location.origin}${issuedPath}` }}>
              {t('residentStatus.staffIssued')} <code>{issuedPath}</code>
            </Typography.Text>
          ) : null}
          {mayManage ? (
            <Flex gap={8} wrap>
              <Popconfirm
                title={t('residentStatus.staffRevokeConfirm')}
                onConfirm={() => act(() => api.revoke(detail.id))}
              >
                <Button danger size="small" loading={busy} data-testid="case-status-links-revoke">
                  {t('residentStatus.staffRevoke')}
                </Button>
              </Popconfirm>
              <Button
                size="small"
                loading={busy}
                onClick={() => void act(() => api.issue(detail.id))}
                data-testid="case-status-links-issue"
              >
                {t('residentStatus.staffIssue')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
      )}
    </Card>
  );
}
