import { badRequest } from './open311-error.ts';

/** A query string or a POST body (form-urlencoded or JSON) as Fastify hands it over. */
export type Open311Params = Record<string, unknown>;

/**
 * One parameter as text. The spec's "optional" rule: an empty parameter is the same as none.
 * JSON numbers and booleans are taken as their text (a JSON client may send `"lat": 30.2`).
 */
export function param(source: Open311Params, name: string): string | undefined {
  const raw = source[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw badRequest(`${name} must be a single value.`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A comma-separated list (repeating the parameter works too); undefined when empty. */
export function listParam(source: Open311Params, name: string): string[] | undefined {
  const raw = source[name];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== undefined && v !== null);
  const items = values.flatMap((v) => {
    if (typeof v !== 'string' && typeof v !== 'number') throw badRequest(`${name} must be a list of values.`);
    return String(v)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  });
  return items.length ? items : undefined;
}

/** A positive whole number, or undefined when absent. */
export function intParam(source: Open311Params, name: string, max: number): number | undefined {
  const text = param(source, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max)
    throw badRequest(`${name} must be a whole number from 1 to ${max}.`);
  return Number(text);
}

const ATTRIBUTE = /^attribute\[([^\][]+)\](\[\])?$/;

/**
 * `attribute[CODE]=value` and `attribute[CODE][]=v1&attribute[CODE][]=v2` from a form; a JSON
 * body may also send `"attribute": {"CODE": "value" | ["v1", "v2"]}`.
 */
export function attributeParams(source: Open311Params): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  const add = (code: string, raw: unknown) => {
    const values = (Array.isArray(raw) ? raw : [raw])
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .map((v) => String(v).trim())
      .filter(Boolean);
    if (values.length) attributes.set(code, [...(attributes.get(code) ?? []), ...values]);
  };
  for (const [name, raw] of Object.entries(source)) {
    const match = ATTRIBUTE.exec(name);
    if (match) add(match[1] as string, raw);
  }
  const nested = source.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested))
    for (const [code, raw] of Object.entries(nested)) add(code, raw);
  return attributes;
}

/** A form-urlencoded body as an object; a repeated name becomes a list. */
export function parseForm(body: string): Open311Params {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const held = out[name];
    out[name] = held === undefined ? value : Array.isArray(held) ? [...held, value] : [held, value];
  }
  return out;
}
