import { type TagDefinition, type TagSubject, tagDefinitionSchema } from '../../../shared/domain/tags.ts';

/** A row of the tag editor: the definition, and whether it was saved before (its code is then fixed). */
export interface TagRow extends TagDefinition {
  key: string;
  saved: boolean;
}

export const rowsOf = (tags: readonly TagDefinition[]): TagRow[] =>
  tags.map((tag) => ({ ...tag, key: `saved:${tag.code}`, saved: true }));

export function newRow(subject: TagSubject, rows: readonly TagRow[], key: string): TagRow {
  const order = rows.reduce((max, r) => Math.max(max, r.sortOrder), -1) + 1;
  return {
    key,
    saved: false,
    subject,
    code: '',
    name: '',
    nameEn: '',
    hasLevel: false,
    marksKey: false,
    active: true,
    sortOrder: Math.min(order, 10_000),
  };
}

/**
 * The list to send, or null when a row is incomplete or a code repeats (the server would refuse
 * it the same way). A new row's code defaults to its name, the usual case (codes are the Chinese
 * terms records store).
 */
export function listToSave(rows: readonly TagRow[]): TagDefinition[] | null {
  const tags: TagDefinition[] = [];
  for (const { key: _key, saved: _saved, ...row } of rows) {
    const parsed = tagDefinitionSchema.safeParse({ ...row, code: row.code.trim() || row.name.trim() });
    if (!parsed.success) return null;
    tags.push(parsed.data);
  }
  if (new Set(tags.map((t) => t.code)).size !== tags.length || tags.length === 0) return null;
  return tags;
}

/** Codes saved before that the edited list no longer has (the server refuses those still in use). */
export const droppedCodes = (before: readonly TagDefinition[], rows: readonly TagRow[]) =>
  before.map((t) => t.code).filter((code) => !rows.some((r) => r.saved && r.code === code));
