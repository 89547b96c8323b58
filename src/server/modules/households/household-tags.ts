import { checkTags } from '../../../shared/domain/tags.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { TagRepository } from '../tags/tags.repository.ts';

/**
 * Checks a household's tags against its district's list and says whether they mark a key
 * household; any problem refuses the write (422 listing them). Tags the household already
 * carries may stay even when their definition has since been deactivated (deactivating stops new
 * use; it does not force every record to be edited).
 */
export async function checkHouseholdTags(
  tags: TagRepository,
  districtCode: string,
  wanted: { tags: readonly string[]; levels: Readonly<Record<string, string>> },
  alreadyCarried: readonly string[] = [],
): Promise<{ isKey: boolean }> {
  const definitions = (await tags.list(districtCode, 'household')).map((d) =>
    alreadyCarried.includes(d.code) ? { ...d, active: true } : d,
  );
  const result = checkTags(definitions, 'household', wanted.tags, wanted.levels);
  if (result.problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Tags refused: ${result.problems.join('; ')}.`, {
      issues: result.problems.map((message) => ({ path: 'body.tags', reason: 'tags', message })),
    });
  }
  return { isKey: result.isKey };
}
