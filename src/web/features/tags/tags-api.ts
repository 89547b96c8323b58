import { type TagDefinition, type TagSubject, tagListSchema } from '../../../shared/domain/tags.ts';
import type { ApiClient } from '../../api/client.ts';

/** The district's tag lists: read by every form that tags a record, replaced whole by the admin. */
export function tagsApi(api: ApiClient) {
  return {
    list: async (subject: TagSubject, signal?: AbortSignal): Promise<TagDefinition[]> =>
      (await api.request('GET', `/api/v1/tags?subject=${subject}`, tagListSchema, signal ? { signal } : {}))
        .items,
    replace: async (subject: TagSubject, tags: TagDefinition[]): Promise<TagDefinition[]> =>
      (await api.request('PUT', `/api/v1/tags/${subject}`, tagListSchema, { body: { tags } })).items,
  };
}
