import type { Kysely } from 'kysely';
import type { TagDefinition, TagSubject } from '../../../shared/domain/tags.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { uniqueOr } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { createTagRepository } from './tags.repository.ts';

const keyCodes = (tags: readonly TagDefinition[]) =>
  tags
    .filter((t) => t.marksKey)
    .map((t) => t.code)
    .sort();

/**
 * Replaces a district's tag list for one subject. A code that live records still carry may not
 * be dropped (409 naming it: deactivate it instead). When the set of tags marking a key household
 * changes, every household's is_key is recomputed in the same transaction.
 */
export async function replaceTags(
  db: Kysely<DB>,
  options: { districtCode: string; subject: TagSubject; tags: TagDefinition[]; actor: AuditActor },
): Promise<TagDefinition[]> {
  const { districtCode, subject, tags } = options;
  const wrongSubject = tags.findIndex((t) => t.subject !== subject);
  if (wrongSubject >= 0) {
    throw new AppError('VALIDATION_FAILED', `Every tag of this list has the subject ${subject}.`, {
      issues: [
        { path: `body.tags.${wrongSubject}.subject`, reason: 'subject', message: `must be ${subject}` },
      ],
    });
  }
  return runTransaction(db, async (trx) => {
    const repo = createTagRepository(trx);
    const before = await repo.list(districtCode, subject);
    const dropped = before.map((t) => t.code).filter((code) => !tags.some((t) => t.code === code));
    const inUse = [...(await repo.usage(districtCode, subject, dropped))];
    if (inUse.length > 0) {
      const named = inUse.map(([code, n]) => `${code} (${n})`).join(', ');
      throw new AppError(
        'CONFLICT',
        `Tags still in use cannot be removed; deactivate them instead: ${named}.`,
        {
          issues: inUse.map(([code, n]) => ({
            path: 'body.tags',
            reason: 'in_use',
            message: `${code} is carried by ${n} records`,
          })),
        },
      );
    }
    // A second save of the same list at once deletes rows the first has not committed and then
    // collides with the first's new ones: it answers as a list changed meanwhile.
    await uniqueOr(
      repo.replace(trx, districtCode, subject, tags),
      () => new AppError('CONFLICT', 'The tag list was changed meanwhile; reload it and save again.'),
    );
    const keyChanged =
      subject === 'household' && keyCodes(before).join('\u0000') !== keyCodes(tags).join('\u0000');
    const recomputed = keyChanged ? await repo.recomputeKeyHouseholds(districtCode, keyCodes(tags)) : 0;
    await audit(trx, options.actor, {
      action: 'tags.replaced',
      result: 'success',
      objectType: 'tag_list',
      objectId: subject,
      detail: {
        codes: tags.map((t) => t.code),
        dropped,
        ...(keyChanged ? { keyCodes: keyCodes(tags), householdsRecomputed: recomputed } : {}),
      },
    });
    return repo.list(districtCode, subject);
  });
}
