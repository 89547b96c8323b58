import type { RegionLevel } from '../../../shared/domain/region.ts';
import { type CellValue, cellText, optionalChecked, type RowProblem, requiredText } from './cells.ts';
import { HIERARCHY_COLUMNS as C, type HierarchyKey } from './hierarchy-columns.ts';
import { reasons } from './reasons.ts';

/**
 * Checks of one hierarchy row on its own: the level word, the code's shape for its level, the
 * parent code where the level needs one or where the code's prefix already names it, lengths and
 * the sort order. What needs the district or the database (prefix of the district, parent
 * exists and has the right level, a node never moves) is checked in plan-hierarchy.ts.
 */
export interface RegionFields {
  row: number;
  level: RegionLevel;
  code: string;
  name: string;
  /** As written; null when empty. */
  parentCode: string | null;
  /** The kind cell; null when empty (a new node then takes `defaultKind`, an existing one keeps its own). */
  kind: string | null;
  defaultKind: string | null;
  /** Null when empty (a new node gets 0, an existing one keeps its own). */
  sortOrder: number | null;
}

/** Levels from the top: a parent's level comes before its children's. */
export const LEVEL_ORDER: Record<RegionLevel, number> = {
  district: 0,
  street: 1,
  community: 2,
  grid: 3,
  micro_grid: 4,
};

export const PARENT_LEVEL: Record<Exclude<RegionLevel, 'district'>, RegionLevel> = {
  street: 'district',
  community: 'street',
  grid: 'community',
  micro_grid: 'grid',
};

/** The words a level may be written with, and the kind the word implies. */
const LEVEL_WORDS: Record<string, { level: RegionLevel; kind: string | null }> = {
  区: { level: 'district', kind: '区' },
  县: { level: 'district', kind: '县' },
  区县: { level: 'district', kind: null },
  district: { level: 'district', kind: null },
  街道: { level: 'street', kind: '街道' },
  镇: { level: 'street', kind: '镇' },
  乡: { level: 'street', kind: '乡' },
  镇街: { level: 'street', kind: null },
  street: { level: 'street', kind: null },
  社区: { level: 'community', kind: '社区' },
  村: { level: 'community', kind: '村' },
  村社: { level: 'community', kind: null },
  community: { level: 'community', kind: null },
  网格: { level: 'grid', kind: null },
  grid: { level: 'grid', kind: null },
  微网格: { level: 'micro_grid', kind: null },
  micro_grid: { level: 'micro_grid', kind: null },
  'micro-grid': { level: 'micro_grid', kind: null },
};

const CODE_SHAPE: Record<RegionLevel, RegExp> = {
  district: /^\d{6}$/,
  street: /^\d{9}$/,
  community: /^\d{12}$/,
  grid: /^[0-9A-Za-z_-]{1,32}$/,
  micro_grid: /^[0-9A-Za-z_-]{1,32}$/,
};

/** The kind a new node takes from its name when neither the kind cell nor the level word gives one. */
const KIND_FROM_NAME: Partial<Record<RegionLevel, RegExp>> = {
  district: /(区|县|市|旗)$/,
  street: /(街道|镇|乡)$/,
  community: /(社区|村)$/,
};

const MAX_SORT_ORDER = 10_000;

function parseSortOrder(value: CellValue): number | null | undefined {
  const text = cellText(value);
  if (text === '') return null;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_SORT_ORDER ? n : undefined;
}

export function checkRegionRow(
  row: number,
  cells: Record<HierarchyKey, CellValue>,
): { key: string | null; fields: RegionFields | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const levelText = cellText(cells.level);
  let word: (typeof LEVEL_WORDS)[string] | undefined;
  if (levelText === '') problems.push({ column: 'level', ...reasons.required(C.level) });
  else {
    word = LEVEL_WORDS[levelText] ?? LEVEL_WORDS[levelText.toLowerCase()];
    if (!word) problems.push({ column: 'level', ...reasons.levelInvalid(levelText.slice(0, 20)) });
  }
  const code = requiredText(C.code, cells.code, problems);
  if (word && code !== undefined && !CODE_SHAPE[word.level].test(code)) {
    problems.push({ column: 'code', ...reasons.codeFormat(word.level, null) });
  }
  const name = requiredText(C.name, cells.name, problems);
  const parentCode = cellText(cells.parent_code) || null;
  if (word && code !== undefined) {
    const level = word.level;
    if (level === 'district' && parentCode !== null) {
      problems.push({ column: 'parent_code', ...reasons.parentNotAllowed() });
    } else if ((level === 'grid' || level === 'micro_grid') && parentCode === null) {
      problems.push({ column: 'parent_code', ...reasons.required(C.parent_code) });
    } else if (parentCode !== null && (level === 'street' || level === 'community')) {
      // Official codes carry their parent's code as a prefix.
      const prefix = code.slice(0, level === 'street' ? 6 : 9);
      if (prefix !== parentCode) problems.push({ column: 'code', ...reasons.codeParentPrefix(parentCode) });
    }
  }
  const kind = optionalChecked(C.kind, cells.kind, problems);
  const sortOrder = parseSortOrder(cells.sort_order);
  if (sortOrder === undefined) problems.push({ column: 'sort_order', ...reasons.sortOrderInvalid() });

  const key = code ?? (cellText(cells.code).slice(0, 40) || null);
  if (problems.length > 0 || !word || code === undefined || name === undefined) {
    return { key, fields: null, problems };
  }
  const fromName = KIND_FROM_NAME[word.level]?.exec(name)?.[1] ?? null;
  return {
    key,
    fields: {
      row,
      level: word.level,
      code,
      name,
      parentCode,
      kind: kind ?? null,
      defaultKind: word.kind ?? fromName,
      sortOrder: sortOrder ?? null,
    },
    problems,
  };
}

/** The parent code a row stands for once the district is known: streets and communities may leave it out. */
export function effectiveParent(fields: RegionFields, districtCode: string): string | null {
  switch (fields.level) {
    case 'district':
      return null;
    case 'street':
      return fields.parentCode ?? districtCode;
    case 'community':
      return fields.parentCode ?? fields.code.slice(0, 9);
    default:
      return fields.parentCode;
  }
}
