import {
  checkTags,
  type TagDefinition,
  type TagSubject,
  tagLevelSchema,
} from '../../../shared/domain/tags.ts';
import { type Reason, reasons } from './reasons.ts';

/**
 * A tags cell: tags separated by 、 , ; (either width), a levelled tag written 残疾(2), 残疾（2）,
 * 残疾:2 or 残疾：2 (二级 and 2级 are read as 2). The codes are what records store; the levels go
 * in a map beside them. Checked against the district's list with the shared checkTags, so the
 * import accepts exactly what the API does.
 */
export interface TagCell {
  tags: string[];
  levels: Record<string, string>;
}

const TAG_SEPARATORS = /[、,，;；]/;
const WITH_LEVEL = /^(.+?)\s*(?:[(（]\s*([^)）]*?)\s*[)）]|[:：]\s*(.*))$/;
const CHINESE_DIGITS: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4' };

function normaliseLevel(raw: string): string {
  const text = raw.trim().replace(/级$/, '');
  return CHINESE_DIGITS[text] ?? text;
}

export function parseTagCell(text: string): TagCell {
  const tags: string[] = [];
  const levels: Record<string, string> = {};
  for (const part of text.split(TAG_SEPARATORS)) {
    const token = part.trim();
    if (token === '') continue;
    const match = WITH_LEVEL.exec(token);
    const code = (match ? match[1] : token)?.trim() ?? token;
    if (tags.includes(code)) continue;
    tags.push(code);
    if (match) levels[code] = normaliseLevel(match[2] ?? match[3] ?? '');
  }
  return { tags, levels };
}

/** The same tags and levels, in the same order. */
export function sameTagCell(a: TagCell, b: TagCell): boolean {
  return (
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i]) &&
    canonicalLevels(a.levels) === canonicalLevels(b.levels)
  );
}

/** Levels as JSON with sorted keys: how they are stored and compared. */
export function canonicalLevels(levels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(levels).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, levels[k]])));
}

/**
 * Each tag's problem with a reason code (checkTags says whether there is one; this says which,
 * tag by tag), and whether the tags mark a key household.
 */
export function checkTagCell(
  definitions: readonly TagDefinition[],
  subject: TagSubject,
  cell: TagCell,
): { problems: Reason[]; isKey: boolean } {
  const checked = checkTags(definitions, subject, cell.tags, cell.levels);
  if (checked.problems.length === 0) return { problems: [], isKey: checked.isKey };
  const known = new Map(definitions.filter((d) => d.subject === subject).map((d) => [d.code, d]));
  const list = subject === 'household' ? '户' : '企业';
  const problems: Reason[] = [];
  for (const tag of cell.tags) {
    const def = known.get(tag);
    const level = cell.levels[tag];
    if (!def) problems.push(reasons.tagUnknown(tag, list));
    else if (!def.active) problems.push(reasons.tagInactive(tag));
    else if (def.hasLevel && level === undefined) problems.push(reasons.tagLevelRequired(tag));
    else if (def.hasLevel && !tagLevelSchema.safeParse(level).success)
      problems.push(reasons.tagLevelInvalid(tag, level ?? ''));
    else if (!def.hasLevel && level !== undefined) problems.push(reasons.tagLevelNotAllowed(tag));
  }
  // Whatever checkTags refuses that the tag-by-tag reading did not name.
  if (problems.length === 0) problems.push(reasons.tagInvalid(checked.problems.join('; ')));
  return { problems, isKey: checked.isKey };
}
