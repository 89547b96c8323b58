import { v7 as uuidv7 } from 'uuid';
import type { Example, ProposeExample } from '../../../shared/domain/examples.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { uniqueOr } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { type ExampleContext, exampleView, readableSubject, refusePersonalData } from './example-subject.ts';
import { createExampleRepository } from './examples.repository.ts';

const proposedAlready = () =>
  new AppError('EXAMPLE_NOT_ALLOWED', 'This case or visit is proposed already.', {
    issues: [{ path: 'body.subject', reason: 'proposed_already', message: 'Open the existing write-up.' }],
  });

/**
 * Proposes a closed case or a recorded visit as an example (优秀案例), optionally with a first
 * title and story. Whoever reads the subject may propose it; a subject has one write-up at most.
 */
export function proposeExample(ctx: ExampleContext, input: ProposeExample): Promise<Example> {
  return runTransaction(ctx.db, async (trx) => {
    const repo = createExampleRepository(trx);
    const subject = await readableSubject(repo, ctx.principal, input.subject.kind, input.subject.id);
    if (!subject) throw new AppError('NOT_FOUND', `No such ${input.subject.kind}.`);
    if (!subject.eligible)
      throw new AppError('EXAMPLE_NOT_ALLOWED', 'Only a closed case can be proposed as an example.', {
        issues: [{ path: 'body.subject', reason: 'not_closed', message: 'The case is not closed.' }],
      });
    const district = ctx.principal.districtCode;
    if (await repo.bySubject(district, subject.kind, subject.id)) throw proposedAlready();
    const title = input.title ?? '';
    const story = input.story ?? '';
    refusePersonalData(title, story, subject.known);
    const id = uuidv7();
    // Two proposals of one subject at once both pass the read above: the unique key decides.
    await uniqueOr(
      repo.insert({
        district_code: district,
        id,
        subject_kind: subject.kind,
        subject_id: subject.id,
        subject_day: subject.day,
        region_id: subject.regionId,
        region_path: subject.regionPath,
        title,
        story,
        photos: '[]',
        state: 'proposed',
        place_name: null,
        unit_name: null,
        proposed_by: ctx.principal.userId,
        proposed_at: ctx.now,
        updated_at: ctx.now,
        published_by: null,
        published_at: null,
        withdrawn_at: null,
        withdraw_reason: null,
      }),
      proposedAlready,
    );
    await audit(trx, ctx.actor, {
      action: 'example.proposed',
      result: 'success',
      objectType: 'example',
      objectId: id,
      detail: {
        subject: subject.kind,
        id: subject.id,
        ...(subject.number ? { number: subject.number } : {}),
      },
    });
    const row = await repo.find(district, id);
    if (!row) throw new AppError('INTERNAL', 'The example just written is missing.');
    return exampleView(trx, row, subject);
  });
}
