import { afterAll, beforeAll } from 'vitest';
import { actorOf } from '../../src/server/modules/audit/audit.ts';
import type { Principal } from '../../src/server/modules/auth/principal.ts';
import { CASE_USE_CASES } from '../../src/server/modules/cases/case-actions.ts';
import type { CaseWriteContext } from '../../src/server/modules/cases/case-write-context.ts';
import { submitCase } from '../../src/server/modules/cases/submit-case.ts';
import type { CaseAction } from '../../src/shared/cases/workflow.ts';
import type { ActionBodies, CreateCase } from '../../src/shared/domain/case.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/** Drives the case use cases as the demo's accounts at chosen instants (no HTTP, `now` injected). */
export async function caseKit(t: TestApp) {
  const demo = await seedSmallDemo(t, 20);
  const db = t.database.db;
  const grants = await demoGrants(t);
  const userId = (username: string) => {
    const g = grants.find((x) => x.username === username);
    if (!g) throw new Error(`no demo account ${username}`);
    return g.user_id;
  };
  const principals = new Map<string, Principal>();
  const principal = async (username: string) => {
    let p = principals.get(username);
    if (!p) {
      const cookie = await demo.signIn(username);
      p = (await t.app.ctx.services.auth.resolve(cookie.slice(cookie.indexOf('=') + 1))) as Principal;
      principals.set(username, p);
    }
    return p;
  };
  const ctx = async (username: string, now: Date): Promise<CaseWriteContext> => {
    const p = await principal(username);
    return { db, principal: p, actor: actorOf(p, null), now };
  };
  const worker1Path = grants.find((g) => g.username === 'worker1')?.path as string;
  const grid = await firstGridBelow(t, worker1Path);
  const department = async (suffix: string) =>
    (
      await db
        .selectFrom('department')
        .select('id')
        .where('code', 'like', `%${suffix}`)
        .executeTakeFirstOrThrow()
    ).id;
  const urbanOffice = await department('-urban');
  const lawEnforcement = await department('law_enforcement');

  const version = async (caseId: string) =>
    (await db.selectFrom('case_record').select('version').where('id', '=', caseId).executeTakeFirstOrThrow())
      .version;

  return {
    demo,
    db,
    userId,
    grid,
    urbanOffice,
    lawEnforcement,
    async submit(username: string, now: Date, extra: Partial<CreateCase> = {}) {
      const body: CreateCase = {
        // A hotline case starts with the street's dispatcher; pass `channel: 'visit'` for the community.
        channel: 'hotline_12345',
        kind: 'complaint',
        urgency: 'ordinary',
        listType: 'problem',
        title: '路灯不亮',
        description: '小区门口路灯坏了一周',
        regionId: grid.id,
        reporter: { type: 'resident', name: '张三' },
        ...extra,
      } as CreateCase;
      return submitCase({ ...(await ctx(username, now)), cipher: t.app.ctx.cipher }, body);
    },
    async act<A extends CaseAction>(
      username: string,
      action: A,
      caseId: string,
      now: Date,
      body: ActionBodies[A],
    ) {
      const run = CASE_USE_CASES[action];
      return run(await ctx(username, now), caseId, await version(caseId), body);
    },
    /** In-app outbox messages of a case for one topic: their recipients, sorted. */
    async inAppRecipients(caseId: string, topic: string) {
      const rows = await db
        .selectFrom('outbox_message')
        .select('recipient')
        .where('case_id', '=', caseId)
        .where('topic', '=', topic)
        .where('channel', '=', 'in_app')
        .execute();
      return rows.map((r) => r.recipient as string).sort();
    },
    async outbox(caseId: string, topic: string) {
      return db
        .selectFrom('outbox_message')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('topic', '=', topic)
        .orderBy('id')
        .execute();
    },
  };
}

export type CaseKit = Awaited<ReturnType<typeof caseKit>>;

/**
 * A test file's own app with the demo and its case kit: made before the file's tests, closed after.
 * Read `.k` inside the tests (it is set by then).
 */
export function caseKitPerFile(): { readonly k: CaseKit } {
  let app: TestApp | undefined;
  const holder = {} as { k: CaseKit };
  beforeAll(async () => {
    app = await createTestApp();
    holder.k = await caseKit(app);
  });
  afterAll(async () => app?.close());
  return holder;
}
