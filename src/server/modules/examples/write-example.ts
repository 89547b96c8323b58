import type { Example, WriteExample } from '../../../shared/domain/examples.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { type ExampleContext, exampleInReach, exampleView, refusePersonalData } from './example-subject.ts';

/**
 * Writes an example up: its title, story and the photos chosen from the subject's own JPEG and PNG
 * files (stripped of their metadata on upload). Whoever reads the subject may write; a published
 * example is withdrawn first. The text must not name the resident or an exact address.
 */
export function writeExample(ctx: ExampleContext, id: string, input: WriteExample): Promise<Example> {
  return runTransaction(ctx.db, async (trx) => {
    const { row, subject, repo } = await exampleInReach(trx, ctx.principal, id);
    if (row.state === 'published')
      throw new AppError('EXAMPLE_NOT_ALLOWED', 'A published example is withdrawn before it is edited.', {
        issues: [{ path: 'state', reason: 'published', message: 'Withdraw it first.' }],
      });
    refusePersonalData(input.title, input.story, subject.known);
    const photos = await repo.photosOf(row.district_code, row.subject_kind, row.subject_id);
    const own = new Set(photos.map((p) => p.id));
    const unknown = input.photoIds.findIndex((p) => !own.has(p));
    if (unknown >= 0)
      throw new AppError('VALIDATION_FAILED', 'Choose photos of this case or visit only.', {
        issues: [
          { path: `body.photoIds.${unknown}`, reason: 'reference', message: 'Not a photo of the subject.' },
        ],
      });
    const source = row.subject_kind === 'case' ? 'attachment' : 'visit_photo';
    await repo.update(row.district_code, row.id, {
      title: input.title,
      story: input.story,
      photos: JSON.stringify([...new Set(input.photoIds)].map((p) => ({ source, id: p }))),
      updated_at: ctx.now,
    });
    await audit(trx, ctx.actor, {
      action: 'example.written',
      result: 'success',
      objectType: 'example',
      objectId: row.id,
      detail: { photos: input.photoIds.length },
    });
    const after = await repo.find(row.district_code, row.id);
    if (!after) throw new AppError('INTERNAL', 'The example just written is missing.');
    return exampleView(trx, after, subject);
  });
}
