import type { Example } from '../../../shared/domain/examples.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { unitNames } from '../figures/figure-parts.ts';
import {
  type ExampleContext,
  exampleInReach,
  exampleView,
  publicPlaceName,
  refusePersonalData,
} from './example-subject.ts';

/**
 * A leader approves a written-up example and publishes it (figures:publish where it happened):
 * to the public examples page, with its place named by community and its people by unit only, and
 * to the campaign report; a published example of a case earns the 'example' point.
 */
export function publishExample(ctx: ExampleContext, id: string): Promise<Example> {
  return runTransaction(ctx.db, async (trx) => {
    const { row, subject, repo } = await exampleInReach(trx, ctx.principal, id);
    if (!pathInScope(row.region_path, scopeFor(ctx.principal, 'figures:publish')))
      throw new AppError('NOT_FOUND', 'No such example.');
    if (row.state === 'published' || row.title === '' || row.story === '')
      throw new AppError(
        'EXAMPLE_NOT_ALLOWED',
        'Only an unpublished example with a title and story is published.',
        {
          issues: [
            {
              path: 'state',
              reason: row.state === 'published' ? 'published' : 'not_written',
              message: 'Write it up first.',
            },
          ],
        },
      );
    refusePersonalData(row.title, row.story, subject.known);
    const place = await publicPlaceName(trx, row.district_code, row.region_path);
    const unit = subject.unitKey
      ? ((await unitNames(trx, row.district_code, [subject.unitKey])).get(subject.unitKey) ?? null)
      : place;
    await repo.update(row.district_code, row.id, {
      state: 'published',
      place_name: place.slice(0, 100),
      unit_name: unit?.slice(0, 100) ?? null,
      published_by: ctx.principal.userId,
      // A write-up withdrawn to be corrected keeps its first publication's day: its example point
      // is earned once, in that period, not again (or moved) when it is published anew.
      published_at: row.published_at ?? ctx.now,
      withdrawn_at: null,
      withdraw_reason: null,
      updated_at: ctx.now,
    });
    await audit(trx, ctx.actor, {
      action: 'example.published',
      result: 'success',
      objectType: 'example',
      objectId: row.id,
      detail: { subject: row.subject_kind, id: row.subject_id },
    });
    const after = await repo.find(row.district_code, row.id);
    if (!after) throw new AppError('INTERNAL', 'The example just published is missing.');
    return exampleView(trx, after, subject);
  });
}
