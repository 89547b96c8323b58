import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagDefinition } from '../../../shared/domain/tags.ts';
import { useAsync } from '../../api/use-async.ts';
import { useEnterprisesApi } from './enterprises-api.ts';

/** The enterprise tag list, and a tag's label in the reader's language (its code when unknown). */
export function useEnterpriseTags() {
  const api = useEnterprisesApi();
  const { i18n } = useTranslation();
  const load = useCallback((signal: AbortSignal) => api.tags(signal), [api]);
  const state = useAsync(load);
  const definitions: TagDefinition[] = state.status === 'success' ? state.data : [];
  const english = i18n.language.startsWith('en');
  const label = (code: string) => {
    const def = definitions.find((d) => d.code === code);
    return def ? (english ? def.nameEn : def.name) : code;
  };
  return { definitions, label, error: state.status === 'error' ? state.error : undefined };
}
