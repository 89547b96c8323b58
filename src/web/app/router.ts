import { type MouseEvent, useSyncExternalStore } from 'react';

/**
 * A minimal client-side router on the History API: the path is the state, links push it, and
 * components read it with usePathname() / useSearch(). The server answers every non-/api path with
 * index.html, so any path also works on reload.
 */
const NAVIGATED = 'minqing:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The query string of the current address (`?a=1`, or ''). */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/**
 * Goes to `to` (a path with an optional query). `state` travels with the history entry (e.g. the
 * name of the region a list is about, so the page can title itself without another request).
 */
export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (options.replace) window.history.replaceState(options.state ?? null, '', to);
  else if (to !== current || options.state !== undefined)
    window.history.pushState(options.state ?? null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

/** The state the current history entry was pushed with, if it has the expected field. */
export function historyState<T extends string>(field: T): string | undefined {
  const state: unknown = window.history.state;
  if (state && typeof state === 'object' && field in state) {
    const value = (state as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/**
 * Click handler for <a href> links: plain clicks navigate in place; modified clicks (new tab,
 * new window) are left to the browser.
 */
export function followLink(event: MouseEvent<HTMLElement>, to: string, state?: unknown): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to, state === undefined ? {} : { state });
}
