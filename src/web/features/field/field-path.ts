/** The field app's pages under /field. */
export type FieldPage =
  | { page: 'home'; tab: FieldTab }
  | { page: 'card'; type: 'household' | 'enterprise'; id: string }
  | { page: 'visit'; type: 'household' | 'enterprise'; id: string }
  | { page: 'notFound' };

export const FIELD_TABS = ['today', 'find', 'outbox', 'cases'] as const;
export type FieldTab = (typeof FIELD_TABS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPES = new Set(['household', 'enterprise']);

export function parseFieldPath(pathname: string): FieldPage {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (parts[0] !== 'field') return { page: 'notFound' };
  if (parts.length === 1) return { page: 'home', tab: 'today' };
  if (parts.length === 2 && (FIELD_TABS as readonly string[]).includes(parts[1] ?? ''))
    return { page: 'home', tab: parts[1] as FieldTab };
  const [, first, second, third] = parts;
  if (parts.length === 3 && TYPES.has(first ?? '') && UUID.test(second ?? ''))
    return { page: 'card', type: first as 'household' | 'enterprise', id: second ?? '' };
  if (parts.length === 4 && first === 'visit' && TYPES.has(second ?? '') && UUID.test(third ?? ''))
    return { page: 'visit', type: second as 'household' | 'enterprise', id: third ?? '' };
  return { page: 'notFound' };
}

export const fieldPaths = {
  home: (tab: FieldTab = 'today') => (tab === 'today' ? '/field' : `/field/${tab}`),
  card: (type: 'household' | 'enterprise', id: string) => `/field/${type}/${id}`,
  visit: (type: 'household' | 'enterprise', id: string) => `/field/visit/${type}/${id}`,
};
