import type { FastifyReply } from 'fastify';

/**
 * Open311's two formats (../shared/open311/README.md §1): XML, required, and JSON by the "Spark
 * convention" (a list root becomes a JSON array). One value tree serves both: an array is a list
 * whose XML elements take the item name below, an object an element with children.
 */
export type Open311Format = 'json' | 'xml';
export type Open311Value =
  | string
  | number
  | boolean
  | null
  | Open311Value[]
  | { [key: string]: Open311Value };

export const JSON_TYPE = 'application/json; charset=utf-8';
export const XML_TYPE = 'text/xml; charset=utf-8';

/** The element name of one item of each list the server answers. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  service_request_updates: 'request_update',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

// XML 1.0 allows tab, line feed and carriage return among the control characters, nothing else.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function element(name: string, value: Open311Value): string {
  if (value === null) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A document whose root is `root` (a list root takes an array, e.g. `services`). */
export function toXml(root: string, value: Open311Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

export function sendOpen311(
  reply: FastifyReply,
  format: Open311Format,
  root: string,
  value: Open311Value,
  status = 200,
): FastifyReply {
  reply.code(status);
  if (format === 'xml') return reply.type(XML_TYPE).send(toXml(root, value));
  return reply.type(JSON_TYPE).send(JSON.stringify(value));
}
