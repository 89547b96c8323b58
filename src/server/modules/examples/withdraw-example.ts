import type { Example } from '../../../shared/domain/examples.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { type ExampleContext, exampleInReach, exampleView } from './example-subject.ts';

/**
 * A leader withdraws a published example, with a reason: it leaves the public page and the
 * campaign report at once, and earns no point in scores built from now on (closed periods keep theirs).
 */
export function withdrawExample(ctx: ExampleContext, id: string, reason: string): Promise<Example> {
  return runTransaction(ctx.db, async (trx) => {
    const { row, subject, repo } = await exampleInReach(trx, ctx.principal, id);
    if (!pathInScope(row.region_path, scopeFor(ctx.principal, 'figures:publish')))
      throw new AppError('NOT_FOUND', 'No such example.');
    if (row.state !== 'published')
      throw new AppError('EXAMPLE_NOT_ALLOWED', 'Only a published example is withdrawn.', {
        issues: [{ path: 'state', reason: 'not_published', message: 'It is not published.' }],
      });
    await repo.update(row.district_code, row.id, {
      state: 'withdrawn',
      withdrawn_at: ctx.now,
      withdraw_reason: reason,
      updated_at: ctx.now,
    });
    await audit(trx, ctx.actor, {
      action: 'example.withdrawn',
      result: 'success',
      objectType: 'example',
      objectId: row.id,
      detail: { reason },
    });
    const after = await repo.find(row.district_code, row.id);
    if (!after) throw new AppError('INTERNAL', 'The example just withdrawn is missing.');
    return exampleView(trx, after, subject);
  });
}
