import { actorOf } from '../../src/server/modules/audit/audit.ts';
import type { Principal } from '../../src/server/modules/auth/principal.ts';
import { CASE_USE_CASES } from '../../src/server/modules/cases/case-actions.ts';
import { submitCase } from '../../src/server/modules/cases/submit-case.ts';
import type { CaseAction } from '../../src/shared/cases/workflow.ts';
import { type ActionBodies, type CreateCase, createCaseSchema } from '../../src/shared/domain/case.ts';
import type { TestApp } from '../support/app.ts';

/** The principal behind a signed-in test cookie (`mq_session=<value>`). */
export async function principalOf(t: TestApp, cookie: string): Promise<Principal> {
  const principal = await t.app.ctx.services.auth.resolve(cookie.slice(cookie.indexOf('=') + 1));
  if (!principal) throw new Error('cookie resolves to no session');
  return principal;
}

const context = (t: TestApp, principal: Principal, now: Date) => ({
  db: t.database.db,
  principal,
  actor: actorOf(principal, null),
  now,
  cipher: t.app.ctx.cipher,
});

/** Submits a case through the intake use case, with defaults for whatever the test does not care about. */
export function submit(
  t: TestApp,
  principal: Principal,
  fields: Partial<CreateCase> & { title: string; description: string; regionId: string },
  now = new Date(),
) {
  const body = createCaseSchema.parse({
    channel: 'visit',
    kind: 'complaint',
    reporter: { type: 'anonymous' },
    ...fields,
  });
  return submitCase(context(t, principal, now), body);
}

/** Fires one workflow action through its use case; returns the new version. */
export async function act<A extends CaseAction>(
  t: TestApp,
  principal: Principal,
  c: { id: string; version: number },
  action: A,
  body: ActionBodies[A],
  now = new Date(),
): Promise<{ id: string; version: number }> {
  const run = CASE_USE_CASES[action] as (
    ...args: [ReturnType<typeof context>, string, number, ActionBodies[A]]
  ) => Promise<{ id: string; version: number }>;
  const result = await run(context(t, principal, now), c.id, c.version, body);
  return { id: c.id, version: result.version };
}
