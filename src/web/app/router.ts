import { type MouseEvent, useSyncExternalStore } from 'react';

/**
 * A minimal client-side router on the History API: the path is the state, links push it, and
 * components read it with usePathname(). The server answers every non-/api path with index.html,
 * so any path also works on reload.
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

export function navigate(to: string): void {
  const current = window.location.pathname + window.location.search;
  if (to !== current) window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

/**
 * Click handler for <a href> links: plain clicks navigate in place; modified clicks (new tab,
 * new window) are left to the browser.
 */
export function followLink(event: MouseEvent<HTMLElement>, to: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}
