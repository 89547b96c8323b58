import { createContext, type ReactNode, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ApiClient } from '../../api/client.ts';
import { dexieOutboxStore } from '../../offline/outbox.ts';
import { createSyncEngine, type SyncEngine, type SyncPhase } from '../../offline/sync-engine.ts';
import { fieldTransport } from './field-api.ts';

interface FieldSync {
  engine: SyncEngine;
  phase: SyncPhase;
  /** Bumps after every sync pass and every local change: lists of the outbox re-read on it. */
  revision: number;
  /** Tells the lists that the outbox changed here (a visit saved or discarded). */
  touched(): void;
}

const FieldSyncContext = createContext<FieldSync | null>(null);

/**
 * One sync engine per signed-in worker while the field app is open: it flushes the outbox on
 * start, when the network returns and on its back-off timer, and stops when the app is left
 * (or the person signs out, which unmounts it).
 */
export function FieldSyncProvider({
  api,
  userId,
  children,
}: {
  api: ApiClient;
  userId: string;
  children: ReactNode;
}) {
  const engine = useMemo(
    () => createSyncEngine(dexieOutboxStore, fieldTransport(api), userId),
    [api, userId],
  );
  const local = useMemo(() => createCounter(), []);
  useEffect(() => {
    engine.start();
    return () => engine.stop();
  }, [engine]);
  const snapshot = useSyncExternalStore(
    (listener) => {
      const a = engine.subscribe(() => {
        local.bump();
      });
      const b = local.subscribe(listener);
      return () => {
        a();
        b();
      };
    },
    () => local.value(),
  );
  const value: FieldSync = { engine, phase: engine.phase(), revision: snapshot, touched: local.bump };
  return <FieldSyncContext value={value}>{children}</FieldSyncContext>;
}

export function useFieldSync(): FieldSync {
  const value = useContext(FieldSyncContext);
  if (!value) throw new Error('useFieldSync() outside <FieldSyncProvider>');
  return value;
}

function createCounter() {
  let n = 0;
  const listeners = new Set<() => void>();
  return {
    value: () => n,
    bump: () => {
      n += 1;
      for (const l of [...listeners]) l();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
