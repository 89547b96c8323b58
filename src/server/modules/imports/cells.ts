import { type Position, positionSchema } from '../../../shared/map/position.ts';
import { normaliseMobilePhone } from '../../../shared/validation/phone.ts';
import { isCleanText } from '../../../shared/validation/text.ts';
import { type Reason, reasons } from './reasons.ts';
import type { Column } from './sheet-spec.ts';

/**
 * Cells as the readers deliver them and the checks every format shares: required text, lengths,
 * phones. Each check appends its problems and returns the normalised value, or undefined when
 * the value is unusable.
 */

/** A cell as the readers deliver it: CSV gives strings; XLSX also numbers and dates. */
export type CellValue = string | number | boolean | Date | null;

export interface RowProblem extends Reason {
  column: string | null;
}

/** A cell as trimmed text ('' when empty). Numbers print without exponent for integers. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value.toISOString().slice(0, 10);
}

export function optionalText(value: CellValue): string | null {
  const text = cellText(value);
  return text === '' ? null : text;
}

export function checkLength(column: Column, value: string, problems: RowProblem[]): boolean {
  if (!isCleanText(value)) {
    problems.push({ column: column.key, ...reasons.controlCharacters(column) });
    return false;
  }
  const max = column.maxLength;
  if (max === undefined || value.length <= max) return true;
  problems.push({ column: column.key, ...reasons.tooLong(column) });
  return false;
}

/** Trimmed text that must be there and fit; undefined (with the problem noted) otherwise. */
export function requiredText(column: Column, value: CellValue, problems: RowProblem[]): string | undefined {
  const text = cellText(value);
  if (text === '') {
    problems.push({ column: column.key, ...reasons.required(column) });
    return undefined;
  }
  return checkLength(column, text, problems) ? text : undefined;
}

/** Trimmed text or null when empty; undefined when too long. */
export function optionalChecked(
  column: Column,
  value: CellValue,
  problems: RowProblem[],
): string | null | undefined {
  const text = optionalText(value);
  if (text === null) return null;
  return checkLength(column, text, problems) ? text : undefined;
}

/** The bare 11-digit mobile number, null when empty, undefined when not a mobile number. */
export function optionalPhone(
  column: Column,
  value: CellValue,
  problems: RowProblem[],
): string | null | undefined {
  const text = cellText(value);
  if (text === '') return null;
  const phone = normaliseMobilePhone(text);
  if (phone !== null) return phone;
  problems.push({ column: column.key, ...reasons.phoneInvalid(column) });
  return undefined;
}

const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

/** A coordinate cell as a number: XLSX gives numbers, CSV text; anything else is NaN. */
function coordinate(value: CellValue): number {
  if (typeof value === 'number') return value;
  const text = cellText(value);
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

/**
 * The position of a 纬度/经度 pair of cells (shared/map/position.ts decides what is valid): null
 * when both are empty, undefined (with the problem noted) when only one is given or either is
 * out of range or too precise.
 */
export function optionalPosition(
  columns: { latitude: Column; longitude: Column },
  cells: { latitude: CellValue; longitude: CellValue },
  problems: RowProblem[],
): Position | null | undefined {
  const lat = cellText(cells.latitude);
  const lon = cellText(cells.longitude);
  if (lat === '' && lon === '') return null;
  if (lat === '' || lon === '') {
    const [missing, given] =
      lat === '' ? [columns.latitude, columns.longitude] : [columns.longitude, columns.latitude];
    problems.push({ column: missing.key, ...reasons.positionIncomplete(missing, given) });
    return undefined;
  }
  const parsed = positionSchema.safeParse({
    latitude: coordinate(cells.latitude),
    longitude: coordinate(cells.longitude),
  });
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => i.path[0]));
  if (bad.has('latitude'))
    problems.push({ column: columns.latitude.key, ...reasons.coordinateInvalid(columns.latitude, 90) });
  if (bad.has('longitude'))
    problems.push({ column: columns.longitude.key, ...reasons.coordinateInvalid(columns.longitude, 180) });
  return undefined;
}

/** Rows of each value that occurs more than once (codes that must be unique within a file). */
export function repeatedValues<T extends { row: number }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (const item of items) {
    const key = keyOf(item);
    const seen = rows.get(key);
    if (seen) seen.push(item.row);
    else rows.set(key, [item.row]);
  }
  for (const [key, seen] of rows) if (seen.length < 2) rows.delete(key);
  return rows;
}
