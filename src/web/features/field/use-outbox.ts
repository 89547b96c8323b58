import { useEffect, useState } from 'react';
import { listOutbox, type OutboxRow } from '../../offline/outbox.ts';

/**
 * The user's outbox, re-read whenever `revision` changes (after each sync pass or local change),
 * keeping the last rows on screen while re-reading so lists do not flicker.
 */
export function useOutbox(
  userId: string,
  revision: number,
): { rows: OutboxRow[] | undefined; error: unknown } {
  const [state, setState] = useState<{ rows: OutboxRow[] | undefined; error: unknown }>({
    rows: undefined,
    error: undefined,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` is the trigger to re-read.
  useEffect(() => {
    let cancelled = false;
    listOutbox(userId).then(
      (rows) => {
        if (!cancelled) setState({ rows, error: undefined });
      },
      (error: unknown) => {
        if (!cancelled) setState((s) => ({ rows: s.rows, error }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [userId, revision]);
  return state;
}
