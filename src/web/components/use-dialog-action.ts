import { useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error.ts';

/**
 * The confirm step of a dialog: busy while `run`'s request is out, its failure kept to show in
 * the dialog. Busy stays on after a success, since the dialog's owner closes it then.
 */
export function useDialogAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };
  const reset = () => {
    setBusy(false);
    setError(null);
  };
  return { busy, error, run, reset };
}
