/** The one thing kept across a sign-out: the language the person chose (not personal data). */
export const KEPT_STORAGE_KEYS: readonly string[] = ['minqing.locale'];

type StorageLike = Pick<Storage, 'length' | 'key' | 'removeItem' | 'clear'>;

/**
 * Wipes what the app stored in the browser (docs/specs/trust.md §17): every localStorage key except the
 * language choice, and all of sessionStorage. In-memory state goes with the signed-in tree, which
 * unmounts on sign-out. Storage that is disabled or throws is skipped.
 */
export function clearClientData(
  local: StorageLike | undefined = safeStorage('localStorage'),
  session: StorageLike | undefined = safeStorage('sessionStorage'),
): void {
  if (local) {
    const doomed: string[] = [];
    for (let i = 0; i < local.length; i += 1) {
      const key = local.key(i);
      if (key !== null && !KEPT_STORAGE_KEYS.includes(key)) doomed.push(key);
    }
    for (const key of doomed) local.removeItem(key);
  }
  session?.clear();
}

function safeStorage(name: 'localStorage' | 'sessionStorage'): StorageLike | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window[name];
  } catch {
    return undefined;
  }
}
