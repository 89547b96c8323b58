import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/api-error.ts';

/**
 * The save step of a small form: busy while the request is out; on success a toast saying so,
 * then `onDone` (the owner closes the form or reloads); on failure the error's message as a toast,
 * and the form stays as it was to be tried again.
 */
export function useToastSave() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const save = async (request: () => Promise<unknown>, doneMessage: string, onDone: () => void) => {
    setBusy(true);
    try {
      await request();
      message.success(doneMessage);
      onDone();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setBusy(false);
    }
  };
  return { busy, save };
}
