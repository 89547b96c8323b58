// Captures a full-page PNG of every page of the web app, in Chinese and in English, for a
// screenshot review (issue 13): `npm run screenshots -- [--out DIR] [--lang zh-CN|en]
// [--only NAME,...] [--origin URL]`. Without --origin it builds the web app if its sources changed
// and starts the demo server the way the browser tests do (a fresh demo database on a free port);
// with --origin it photographs a server already running with demo data (its accounts' authenticator
// secrets are kept in DIR/accounts.json between runs). Each page is opened by the demo account
// whose work it is, signed in through the API (enrolling its authenticator on first use). Files go
// to DIR/<lang>/<page>.png (DIR defaults to minqing-screenshots in the temporary directory). The
// server lists the web app's files when it starts: after a rebuild of dist/web, restart it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Accounts } from '../test/e2e/support/accounts.ts';
import { ApiSession, demoPassword } from '../test/e2e/support/api.ts';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import { ROOT, startServer } from '../test/e2e/support/server.ts';

type Lang = 'zh-CN' | 'en';
const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

interface Shot {
  name: string;
  /** The demo account that opens the page; null for a visitor who is not signed in. */
  account: string | null;
  path: string;
  phone?: boolean;
  /** Something to do on the page before the picture (open a drawer, type a sign-in step). */
  act?: (page: Page) => Promise<void>;
}

/** The ids the page addresses need, read from the demo data as the accounts see it. */
interface DemoIds {
  cases: Partial<Record<string, string>>;
  visitRaisedCase?: string;
  handlerCase?: string;
  visit?: string;
  household?: string;
  enterprise?: string;
  campaign?: string;
  spotCheck?: string;
  community?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function firstId(session: ApiSession, url: string): Promise<string | undefined> {
  const response = await session.get(url);
  if (response.status !== 200) return undefined;
  const body = (await response.json()) as { items?: { id: string }[] };
  return body.items?.[0]?.id;
}

async function discover(origin: string, accounts: Accounts): Promise<DemoIds> {
  const as = (username: string) => ApiSession.signIn(origin, accounts, username);
  const dispatcher = await as('dispatcher');
  const cases: DemoIds['cases'] = {};
  for (const state of [
    'submitted',
    'dispatched',
    'in_progress',
    'replied',
    'follow_up',
    'closed',
    'returned',
  ])
    cases[state] = await firstId(dispatcher, `/api/v1/cases?state=${state}&limit=1`);
  const handler = await as('handler');
  const worker = await as('worker1');
  const visit = await worker.get('/api/v1/visits?limit=20');
  const visits = ((await visit.json()) as { items: { id: string; householdId: string | null }[] }).items;
  const leader = await as('leader');
  const [street] = await leader.regions();
  const communities = street ? await leader.regions(street.id) : [];
  const liaison = await as('liaison');
  return {
    cases,
    visitRaisedCase: await firstId(dispatcher, '/api/v1/cases?channel=visit&limit=1'),
    handlerCase: await firstId(handler, '/api/v1/cases?view=inbox&limit=1'),
    visit: visits[0]?.id,
    household: visits.find((v) => v.householdId)?.householdId ?? undefined,
    enterprise:
      (await firstId(liaison, '/api/v1/enterprises?liaison=me&limit=1')) ??
      (await firstId(liaison, '/api/v1/enterprises?limit=1')),
    campaign: await firstId(leader, '/api/v1/campaigns'),
    spotCheck: await firstId(await as('supervisor'), '/api/v1/spot-checks'),
    community: communities[0]?.id,
  };
}

/** Every page, by the account whose work it is. Pages whose record the demo lacks are left out. */
function shots(ids: DemoIds): Shot[] {
  const list: Shot[] = [
    { name: 'sign-in', account: null, path: '/' },
    {
      name: 'sign-in-totp',
      account: null,
      path: '/',
      act: async (page) => {
        const card = page.getByTestId('sign-in');
        await card.locator('input[autocomplete=username]').fill('leader');
        await card
          .locator('input[autocomplete=current-password]')
          .fill(await demoPassword(new URL(page.url()).origin));
        await card.locator('button[type=submit]').click();
        await page.locator('[data-testid=sign-in][data-step=totp]').waitFor();
      },
    },
    { name: 'home-leader', account: 'leader', path: '/' },
    { name: 'home-worker', account: 'worker1', path: '/' },
    { name: 'home-dispatcher', account: 'dispatcher', path: '/' },
    { name: 'home-handler', account: 'handler', path: '/' },
    { name: 'home-supervisor', account: 'supervisor', path: '/' },
    { name: 'home-sysadmin', account: 'sysadmin', path: '/' },
    { name: 'regions', account: 'leader', path: '/regions' },
    { name: 'cases-queue', account: 'dispatcher', path: '/cases' },
    { name: 'cases-inbox', account: 'handler', path: '/cases?view=inbox' },
    { name: 'cases-mine', account: 'worker1', path: '/cases?view=mine' },
    { name: 'cases-supervision', account: 'supervisor', path: '/cases?view=supervision' },
    { name: 'case-new', account: 'dispatcher', path: '/cases/new' },
    { name: 'visits-diary', account: 'leader', path: '/visits' },
    { name: 'visits-diary-worker', account: 'worker1', path: '/visits' },
    { name: 'visits-opinions', account: 'leader', path: '/visits/opinions' },
    { name: 'visits-coverage', account: 'leader', path: '/visits/coverage' },
    { name: 'visits-plans', account: 'leader', path: '/visits/plans' },
    { name: 'visits-mentoring', account: 'cadre', path: '/visits/mentoring' },
    { name: 'visits-spot-checks', account: 'supervisor', path: '/visits/spot-checks' },
    { name: 'households', account: 'worker1', path: '/households' },
    { name: 'enterprises', account: 'liaison', path: '/enterprises' },
    { name: 'figures', account: 'leader', path: '/figures' },
    { name: 'league', account: 'leader', path: '/league' },
    { name: 'campaigns', account: 'leader', path: '/campaigns' },
    { name: 'map', account: 'leader', path: '/map' },
    { name: 'admin-users', account: 'secadmin', path: '/admin/users' },
    {
      name: 'admin-user-drawer',
      account: 'secadmin',
      path: '/admin/users',
      act: async (page) => {
        // The first account's first action (change its roles) opens the account drawer.
        await page.locator('.ant-table-row').first().locator('button').first().click();
        await page.locator('.ant-drawer-open .ant-drawer-section, .ant-modal-content').first().waitFor();
      },
    },
    { name: 'admin-audit', account: 'auditor', path: '/admin/audit' },
    { name: 'admin-departments', account: 'sysadmin', path: '/admin/departments' },
    { name: 'admin-categories', account: 'sysadmin', path: '/admin/categories' },
    { name: 'admin-tags', account: 'sysadmin', path: '/admin/tags' },
    { name: 'admin-imports', account: 'sysadmin', path: '/admin/imports' },
    { name: 'admin-exports', account: 'sysadmin', path: '/admin/exports' },
    { name: 'admin-exports-approve', account: 'secadmin', path: '/admin/exports' },
    { name: 'forbidden', account: 'worker1', path: '/admin/audit' },
    { name: 'not-found', account: 'leader', path: '/no-such-page' },
    { name: 'field-today', account: 'worker1', path: '/field', phone: true },
    { name: 'field-find', account: 'worker1', path: '/field/find', phone: true },
    { name: 'field-find-browse', account: 'worker1', path: '/field/find?mode=browse', phone: true },
    { name: 'field-find-enterprises', account: 'liaison', path: '/field/find?mode=enterprises', phone: true },
    { name: 'field-outbox', account: 'worker1', path: '/field/outbox', phone: true },
    { name: 'field-cases', account: 'worker1', path: '/field/cases', phone: true },
  ];
  const add = (shot: Shot, id: string | undefined) => {
    if (id) list.push(shot);
  };
  for (const [state, id] of Object.entries(ids.cases))
    add({ name: `case-${state.replace('_', '-')}`, account: 'dispatcher', path: `/cases/${id}` }, id);
  add(
    { name: 'case-from-visit', account: 'dispatcher', path: `/cases/${ids.visitRaisedCase}` },
    ids.visitRaisedCase,
  );
  add({ name: 'case-handler', account: 'handler', path: `/cases/${ids.handlerCase}` }, ids.handlerCase);
  add({ name: 'visit', account: 'worker1', path: `/visits/${ids.visit}` }, ids.visit);
  add({ name: 'household', account: 'worker1', path: `/households/${ids.household}` }, ids.household);
  add({ name: 'enterprise', account: 'liaison', path: `/enterprises/${ids.enterprise}` }, ids.enterprise);
  add({ name: 'campaign', account: 'leader', path: `/campaigns/${ids.campaign}` }, ids.campaign);
  add(
    { name: 'visits-spot-check', account: 'supervisor', path: `/visits/spot-checks/${ids.spotCheck}` },
    ids.spotCheck,
  );
  add({ name: 'public-report', account: null, path: `/report/${ids.community}` }, ids.community);
  add(
    { name: 'field-household', account: 'worker1', path: `/field/household/${ids.household}`, phone: true },
    ids.household,
  );
  add(
    {
      name: 'field-visit-form',
      account: 'worker1',
      path: `/field/visit/household/${ids.household}`,
      phone: true,
    },
    ids.household,
  );
  return list;
}

/** Waits until the page stops loading: no requests in flight, no spinner or skeleton showing. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const busy = page.locator(
    '.ant-spin-spinning:visible, .ant-skeleton-active:visible, .anticon-loading:visible, .ant-btn-loading:visible',
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (await busy.count()) > 0) await sleep(200);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // antd's entrance transitions (drawers, charts) end within its motion durations.
  await sleep(700);
}

/**
 * Opens a page, waiting out a moment when the server has no web app to serve (another build of
 * dist/web is being written: the server answers 404, or the page's scripts are missing).
 */
async function open(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await page.goto(url);
    // A half-written build also serves a page whose scripts are missing: the app never renders.
    const rendered =
      response !== null &&
      response.status() < 400 &&
      (await page
        .locator('#root > *')
        .first()
        .waitFor({ state: 'attached', timeout: 30_000 })
        .then(() => true)
        .catch(() => false));
    if (rendered) return;
    if (attempt === 5) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
    await sleep(10_000);
  }
}

async function contextFor(
  browser: Browser,
  origin: string,
  accounts: Accounts,
  lang: Lang,
  account: string | null,
  phone: boolean,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: phone ? PHONE : DESKTOP,
    isMobile: phone,
    hasTouch: phone,
    locale: lang,
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript((locale) => window.localStorage.setItem('minqing.locale', locale), lang);
  if (account) {
    const session = await ApiSession.signIn(origin, accounts, account);
    await session.me();
    const cookie = accounts.get(account).cookie;
    if (!cookie) throw new Error(`no session for ${account}`);
    await context.addCookies([{ ...cookie, url: origin, httpOnly: true, sameSite: 'Strict' }]);
  }
  return context;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: path.join(os.tmpdir(), 'minqing-screenshots') },
      lang: { type: 'string' },
      only: { type: 'string' },
      origin: { type: 'string' },
    },
  });
  const out = path.resolve(values.out);
  const langs = values.lang ? LANGS.filter((l) => l === values.lang) : LANGS;
  if (langs.length === 0) throw new Error(`--lang is one of ${LANGS.join(', ')}`);
  const only = values.only ? new Set(values.only.split(',')) : undefined;
  fs.mkdirSync(out, { recursive: true });

  let origin = values.origin;
  let stop: (() => Promise<void>) | undefined;
  if (!origin) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web-build.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('building the web app failed');
    const server = await startServer();
    origin = server.origin;
    stop = server.stop;
  }
  const stateFile = path.join(out, 'accounts.json');
  // A fresh server has fresh accounts: what a previous run knew of them no longer holds.
  if (stop) fs.rmSync(stateFile, { force: true });
  const accounts = new Accounts(stateFile);
  const browser = await launchBrowser();
  const failures: string[] = [];
  let taken = 0;
  try {
    const ids = await discover(origin, accounts);
    const wanted = shots(ids).filter((s) => !only || only.has(s.name));
    for (const lang of langs) {
      fs.mkdirSync(path.join(out, lang), { recursive: true });
      for (const shot of wanted) {
        const context = await contextFor(browser, origin, accounts, lang, shot.account, shot.phone ?? false);
        const page = await context.newPage();
        try {
          await open(page, shot.path);
          await settle(page);
          if (shot.act) {
            await shot.act(page);
            await settle(page);
          }
          await page.screenshot({ path: path.join(out, lang, `${shot.name}.png`), fullPage: true });
          taken += 1;
          console.log(`${lang} ${shot.name}`);
        } catch (error) {
          failures.push(`${lang} ${shot.name}: ${(error as Error).message.split('\n')[0]}`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await stop?.();
  }
  console.log(`${taken} screenshots in ${out}`);
  if (failures.length > 0) {
    console.error(`Not captured:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
