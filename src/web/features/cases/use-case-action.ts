import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction } from '../../../shared/cases/workflow.ts';
import type { ActionBodies, CaseDetail } from '../../../shared/domain/case.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { navigate } from '../../app/router.ts';
import { casesApi } from './cases-api.ts';
import { caseListPath } from './cases-path.ts';

/**
 * Fires workflow actions on the version of the case the page shows. A 412 means someone changed
 * the case meanwhile: the page reloads it and says so, rather than overwrite what it did not see.
 */
export function useCaseAction(
  detail: Pick<CaseDetail, 'id' | 'version'>,
  handlers: { onDone: (updated: CaseDetail) => void; onStale: () => void },
) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const act = async <A extends CaseAction>(action: A, body: ActionBodies[A]) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await casesApi(api).act(detail.id, detail.version, action, body);
      message.success(t('cases.detail.done', { action: t(`cases.actions.${action as string}`) }));
      // Done, and the case has left the caller's reach (e.g. escalated): back to the inbox.
      if ('outOfReach' in updated) navigate(caseListPath('inbox'));
      else handlers.onDone(updated);
    } catch (caught) {
      const failure = toApiError(caught);
      if (failure.code === 'PRECONDITION_FAILED') {
        message.warning(t('cases.detail.changed'));
        handlers.onStale();
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  };
  return { act, busy, error };
}
