import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless, as root, with every background connection it makes switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  consoleErrors: { text: string; url: string }[];
  cspViolations: string[];
  /**
   * Declares that the page will get this error status from this API path (e.g. the 404 of a
   * household outside the user's scope): Chromium logs every 4xx answer to fetch() as a console
   * error, and only declared ones are not counted against the page.
   */
  allowApiError(status: number, path: string): void;
  /**
   * Asserts the session stayed on the deployment's servers (MinQing, its tile server) with no console errors (except declared API
   * answers) or CSP violations.
   */
  expectClean(): void;
  close(): Promise<void>;
}

/** A phone as the suites hold it. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true } as const;

/**
 * A phone whose field app may install its service worker, for the suites that test working
 * offline. Elsewhere the worker is blocked: it installs in the background after a grid worker's
 * first page and then claims whatever page is open, and a page taken over that way mid-test has
 * had its API answers go unreported to Playwright (a case action's response never arrived and the
 * wait timed out), though the app itself carried on.
 */
export const OFFLINE_CAPABLE_PHONE = { ...PHONE, serviceWorkers: 'allow' } as const;

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})\b/;

/**
 * The answers every session may get: a visitor who is not signed in asks who they are and the
 * server answers 401, which is how the app knows to show the sign-in page.
 */
const ALWAYS_ALLOWED: readonly { status: number; path: string }[] = [
  { status: 401, path: '/api/v1/auth/me' },
];

/**
 * A fresh browser context (empty storage) watching what the page does: requests, console
 * errors, uncaught exceptions and Content-Security-Policy violations.
 */
export async function openSession(
  browser: Browser,
  origin: string,
  options: {
    viewport?: { width: number; height: number };
    isMobile?: boolean;
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Promise<Session> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
  const requests: string[] = [];
  const consoleErrors: { text: string; url: string }[] = [];
  const cspViolations: string[] = [];
  const allowed = [...ALWAYS_ALLOWED];
  context.on('request', (request) => requests.push(request.url()));
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => cspViolations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void })
        .__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => consoleErrors.push({ text: `uncaught: ${error.message}`, url: '' }));
  const isAllowed = (error: { text: string; url: string }) => {
    const status = FAILED_RESOURCE.exec(error.text)?.[1];
    if (!status || !error.url.startsWith(`${origin}/`)) return false;
    const path = new URL(error.url).pathname;
    return allowed.some((a) => a.status === Number(status) && a.path === path);
  };

  return {
    context,
    page,
    requests,
    consoleErrors,
    cspViolations,
    allowApiError(status, path) {
      allowed.push({ status, path });
    },
    expectClean() {
      expect(requests.length).toBeGreaterThan(0);
      // blob: and data: addresses never leave the browser (a photo's preview, say). The one other
      // server of the deployment is its own tile server, and only for tiles.
      const tiles = `${inject('tileOrigin')}/tiles/`;
      expect(
        requests.filter(
          (url) => !url.startsWith(`${origin}/`) && !url.startsWith(tiles) && !/^(blob|data):/.test(url),
        ),
      ).toEqual([]);
      expect(consoleErrors.filter((error) => !isAllowed(error))).toEqual([]);
      expect(cspViolations).toEqual([]);
    },
    close: () => context.close(),
  };
}

/**
 * Registers the per-file browser lifecycle: one Chromium for the file, and after every test the
 * open session is checked clean (same origin only, no console errors, no CSP violations) and
 * closed, as is one a test leaves to open another. Tests open their session with `sessions.open(...)`.
 */
export function registerBrowserSessions(origin: string) {
  let browser: Browser | undefined;
  let current: Session | undefined;
  const finish = async () => {
    try {
      current?.expectClean();
    } finally {
      await current?.close();
      current = undefined;
    }
  };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(finish);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(options?: Parameters<typeof openSession>[2]): Promise<Session> {
      if (!browser) throw new Error('browser not launched');
      // A test that opens a second session is done with its first: it is checked and closed too.
      await finish();
      current = await openSession(browser, origin, options);
      return current;
    },
  };
}
