import { z } from 'zod';

/**
 * The one rule for text a client sends (names, titles, notes, search words, passwords): no C0
 * control characters except tab, line feed and carriage return, no DEL, and no unpaired UTF-16
 * surrogate. PostgreSQL refuses U+0000 in text (SQLSTATE 22021) and a lone surrogate cannot be
 * encoded as UTF-8, so either would otherwise fail deep in the database as a 500 instead of
 * being refused here as a 422 naming the field.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function isCleanText(value: string): boolean {
  return !CONTROL.test(value) && value.isWellFormed();
}

const CLEAN_TEXT_MESSAGE = 'Control characters and unpaired surrogates are not allowed.';

/**
 * A text field: trimmed (what every form field did before), then `min`..`max` characters of
 * clean text. `min` 0 for optional notes that may be sent empty.
 */
export function textSchema(max: number, min = 1) {
  return z.string().trim().min(min).max(max).refine(isCleanText, { message: CLEAN_TEXT_MESSAGE });
}

/** Text kept exactly as typed (passwords): the same characters refused, nothing trimmed. */
export function untrimmedTextSchema(max: number, min = 1) {
  return z.string().min(min).max(max).refine(isCleanText, { message: CLEAN_TEXT_MESSAGE });
}

/**
 * Bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) can
 * make `evil\u202Egpj.exe` read as `evilexe.jpg`; names shown to other people (file names) drop
 * them together with every control character.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function stripUnsafeNameCharacters(value: string): string {
  // An unpaired surrogate becomes U+FFFD rather than failing the UTF-8 header later.
  return value.toWellFormed().replace(UNSAFE_IN_NAMES, '');
}
