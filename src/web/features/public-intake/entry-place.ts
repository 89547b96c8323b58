import { normalizePublicCode, publicCodePath } from '../../../shared/domain/public-codes.ts';

/** The levels the public form reports to (a community or a grid; the server refuses others). */
export const ENTRY_REGION_LEVELS: ReadonlySet<string> = new Set(['community', 'grid']);

/** The form's path of a region picked in the tree. */
export const regionFormPath = (regionId: string) => `/report/${regionId}`;

/**
 * The form's path of a pasted QR link: a whole address (`https://…/q/<code>?…`), a bare path
 * (`/q/<code>`) or the code alone, as read off a poster; null when it names no code. The entry
 * parameter of an older link is dropped: the new link gets its own.
 */
export function codeFormPath(pasted: string): string | null {
  const text = pasted.trim();
  if (!text || text.length > 300) return null;
  const match = /(?:^|\/)q\/([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(text);
  const code = normalizePublicCode(decodeURIComponentSafely(match ? (match[1] ?? '') : text));
  return code ? publicCodePath(code) : null;
}

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
