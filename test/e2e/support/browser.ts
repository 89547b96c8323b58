import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

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
  consoleErrors: string[];
  cspViolations: string[];
  /** Asserts the session stayed on the server's origin with no console errors or CSP violations. */
  expectClean(): void;
  close(): Promise<void>;
}

/**
 * A fresh browser context (empty storage) watching what the page does: requests, console
 * errors, uncaught exceptions and Content-Security-Policy violations.
 */
export async function openSession(
  browser: Browser,
  origin: string,
  options: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): Promise<Session> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
  });
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const cspViolations: string[] = [];
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
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

  return {
    context,
    page,
    requests,
    consoleErrors,
    cspViolations,
    expectClean() {
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(cspViolations).toEqual([]);
    },
    close: () => context.close(),
  };
}

/**
 * Registers the per-file browser lifecycle: one Chromium for the file, and after every test the
 * open session is checked clean (same origin only, no console errors, no CSP violations) and
 * closed. Tests open their session with `sessions.open(...)`.
 */
export function registerBrowserSessions(origin: string) {
  let browser: Browser | undefined;
  let current: Session | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    try {
      current?.expectClean();
    } finally {
      await current?.close();
      current = undefined;
    }
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(options?: Parameters<typeof openSession>[2]): Promise<Session> {
      if (!browser) throw new Error('browser not launched');
      current = await openSession(browser, origin, options);
      return current;
    },
  };
}
