import type { z } from 'zod';

/**
 * List filters in an address (`/cases?state=closed&regionId=…`, `/visits?targetType=household`),
 * so a filtered list can be linked to — from a figure, a home page count — bookmarked, and
 * reached again with back and forward.
 */

type Filters = Record<string, unknown>;

/** Filters as query parameters, leaving out what is unset or blank (arrays repeat the parameter). */
export function filterParams(filters: Filters, params = new URLSearchParams()): URLSearchParams {
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  return params;
}

/** Filters without the blanks, so equal filters compare (and key lists) equal. */
export function cleanFilters<F extends Filters>(filters: F): F {
  const clean: Filters = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    clean[key] = value;
  }
  return clean as F;
}

/**
 * The filters an address carries, by `schema` (an object schema of optional fields). Each is
 * checked on its own, so one stale or hand-edited parameter is dropped rather than emptying the
 * whole list. `repeated` names the fields that may repeat; `ignore` what is not a filter.
 */
export function filtersFromSearch<F extends Filters>(
  schema: z.ZodType<F>,
  search: string,
  { repeated = [], ignore = [] }: { repeated?: readonly string[]; ignore?: readonly string[] } = {},
): F {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const key of new Set(params.keys())) {
    if (ignore.includes(key)) continue;
    const raw = repeated.includes(key) ? params.getAll(key) : params.get(key);
    const parsed = schema.safeParse({ [key]: raw });
    if (parsed.success) {
      const value = (parsed.data as Filters)[key];
      if (value !== undefined) filters[key] = value;
    }
  }
  return cleanFilters(filters as F);
}
