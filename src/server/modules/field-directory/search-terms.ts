import { LAST_FOUR } from '../../../shared/domain/field-directory.ts';

/**
 * What a search box's text looks for: the text itself (names, addresses, buildings) and, when it
 * is four digits, the end of a phone as well (a room number like 1201 is also four digits).
 */
export function searchTerms(q: string | undefined): { q?: string; last4?: string } {
  const text = q?.trim() ?? '';
  if (text === '') return {};
  return LAST_FOUR.test(text) ? { q: text, last4: text } : { q: text };
}
