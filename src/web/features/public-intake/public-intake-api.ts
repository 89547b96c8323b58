import { useMemo } from 'react';
import {
  type EntryChannel,
  entryLinkSchema,
  type PublicIntakeSettings,
  publicIntakeSettingsSchema,
} from '../../../shared/domain/public-entry.ts';
import type { ApiClient } from '../../api/client.ts';
import { useApi } from '../../app/api-context.tsx';

/** The district's public form settings and entry links (org:write), parsed with the shared schemas. */
export function publicIntakeApi(api: ApiClient) {
  return {
    settings: (signal?: AbortSignal): Promise<PublicIntakeSettings> =>
      api.request(
        'GET',
        '/api/v1/public-intake/settings',
        publicIntakeSettingsSchema,
        signal ? { signal } : {},
      ),
    saveSettings: (body: PublicIntakeSettings): Promise<PublicIntakeSettings> =>
      api.request('PUT', '/api/v1/public-intake/settings', publicIntakeSettingsSchema, { body }),
    makeEntryLink: (body: { channel: EntryChannel; path: string }) =>
      api.request('POST', '/api/v1/public-intake/entry-links', entryLinkSchema, { body }),
  };
}

export function usePublicIntakeApi() {
  const api = useApi();
  return useMemo(() => publicIntakeApi(api), [api]);
}
