import { useCallback } from 'react';
import type { TagDefinition, TagSubject } from '../../../shared/domain/tags.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { tagsApi } from '../tags/tags-api.ts';

/** The district's tag list for a subject, loaded once per mount. */
export function useTagList(subject: TagSubject) {
  const api = useApi();
  const load = useCallback((signal: AbortSignal) => tagsApi(api).list(subject, signal), [api, subject]);
  return useAsync<TagDefinition[]>(load);
}

/** A tag's name in the reader's language (the code when the list does not know it any more). */
export function tagLabel(
  definitions: readonly TagDefinition[] | undefined,
  code: string,
  english: boolean,
): string {
  const def = definitions?.find((d) => d.code === code);
  if (!def) return code;
  return english ? def.nameEn : def.name;
}
