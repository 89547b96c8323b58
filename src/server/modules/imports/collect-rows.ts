import { samePosition } from '../../../shared/map/position.ts';
import { cellText } from './cells.ts';
import { COLUMN_KEYS, COLUMNS, type ColumnKey, HOUSEHOLD_SHEET } from './columns.ts';
import { isBlankRow, mapHeader, rowCells, type SheetRow } from './header.ts';
import { importFileError } from './import-errors.ts';
import { type ImportIssue, type Reason, reasons } from './reasons.ts';
import { sameTagCell } from './tag-cell.ts';
import { checkRow, type HouseholdFields, type MemberFields } from './validate-row.ts';

/**
 * One pass over the rows: each row is checked on its own (validate-row.ts) and filed under its
 * household code; then the checks that need the whole file run: conflicting repeats of a
 * household's columns, the same ID number twice, households without their own columns. Only
 * compact, normalised values are kept (not the workbook), so a street's 200,000 rows fit easily.
 */

export interface MemberEntry extends MemberFields {
  row: number;
  /** Keyed hashes, filled in batch by batch just before the database is asked (plan-batch.ts). */
  idHash: Buffer | null;
  phoneHash: Buffer | null;
}

export interface HouseholdEntry {
  code: string;
  /** First row of the household in the file. */
  firstRow: number;
  /** The household's columns, from the first row that has them. */
  fields: HouseholdFields | null;
  fieldsRow: number;
  rows: number[];
  /** Valid members; emptied once the household is rejected. */
  members: MemberEntry[];
  rejected: boolean;
}

export interface CollectedRows {
  /** Non-blank data rows read. */
  rows: number;
  households: Map<string, HouseholdEntry>;
  issues: ImportIssue[];
  /** Rows named by at least one issue. */
  rejectedRows: Set<number>;
}

interface Occurrence {
  row: number;
  code: string;
}

const COLUMN_ORDER = new Map<string | null, number>(COLUMN_KEYS.map((k, i) => [k, i]));
type ComparedField = Exclude<keyof HouseholdFields, 'tagLevels' | 'isKey'>;
const FIELD_COLUMNS: Record<ComparedField, ColumnKey> = {
  gridCode: 'grid_code',
  address: 'address',
  estate: 'estate',
  building: 'building',
  unit: 'unit',
  room: 'room',
  tags: 'tags',
  position: 'latitude',
};

export function createIssueLog(collected: Pick<CollectedRows, 'issues' | 'rejectedRows'>) {
  return (row: number, householdCode: string | null, column: string | null, reason: Reason) => {
    collected.issues.push({ row, key: householdCode, column, ...reason });
    collected.rejectedRows.add(row);
  };
}

function sameField(a: HouseholdFields, b: HouseholdFields, key: ComparedField): boolean {
  if (key === 'tags')
    return sameTagCell({ tags: a.tags, levels: a.tagLevels }, { tags: b.tags, levels: b.tagLevels });
  if (key === 'position') return samePosition(a.position, b.position);
  return a[key] === b[key];
}

export function rejectHousehold(entry: HouseholdEntry): void {
  entry.rejected = true;
  entry.members = [];
}

export async function collectRows(
  source: AsyncIterable<SheetRow>,
  today: Date,
  onProgress: (message: string) => void = () => {},
): Promise<CollectedRows> {
  const collected: CollectedRows = { rows: 0, households: new Map(), issues: [], rejectedRows: new Set() };
  const log = createIssueLog(collected);
  const byIdNumber = new Map<string, Occurrence | Occurrence[]>();
  const byNameAndBirth = new Map<string, Occurrence | Occurrence[]>();
  const remember = (index: Map<string, Occurrence | Occurrence[]>, key: string, at: Occurrence) => {
    const seen = index.get(key);
    if (seen === undefined) index.set(key, at);
    else if (Array.isArray(seen)) seen.push(at);
    else index.set(key, [seen, at]);
  };

  let positions: ReturnType<typeof mapHeader> | undefined;
  for await (const sheetRow of source) {
    if (isBlankRow(sheetRow)) continue;
    if (!positions) {
      positions = mapHeader(sheetRow, HOUSEHOLD_SHEET);
      continue;
    }
    collected.rows++;
    if (collected.rows % 50_000 === 0) onProgress(`read ${collected.rows.toLocaleString('en')} rows`);
    const row = sheetRow.number;
    const cells = rowCells(sheetRow, positions, COLUMN_KEYS);
    const checked = checkRow(cells, today);
    const code = checked.householdCode;
    for (const p of checked.problems) {
      log(row, code ?? (cellText(cells.household_code).slice(0, 60) || null), p.column, p);
    }
    if (code === null) continue;

    let entry = collected.households.get(code);
    if (!entry) {
      entry = { code, firstRow: row, fields: null, fieldsRow: row, rows: [], members: [], rejected: false };
      collected.households.set(code, entry);
    }
    entry.rows.push(row);
    if (checked.household) {
      if (entry.fields === null) {
        entry.fields = checked.household;
        entry.fieldsRow = row;
      } else {
        for (const key of Object.keys(FIELD_COLUMNS) as ComparedField[]) {
          if (!sameField(entry.fields, checked.household, key)) {
            const column = COLUMNS[FIELD_COLUMNS[key]];
            log(row, code, column.key, reasons.householdConflict(column, entry.fieldsRow));
          }
        }
      }
    }
    if (collected.rejectedRows.has(row)) rejectHousehold(entry);
    const member = checked.member;
    if (member === null) continue;
    if (member.idNumber !== null) remember(byIdNumber, member.idNumber, { row, code });
    else remember(byNameAndBirth, `${code}\u0000${member.name}\u0000${member.birthDate}`, { row, code });
    if (!entry.rejected) entry.members.push({ row, ...member, idHash: null, phoneHash: null });
  }
  if (!positions) throw importFileError('file.header', 'The file is empty: it has no header row.');

  const flagRepeats = (
    index: Map<string, Occurrence | Occurrence[]>,
    reason: (rows: number[]) => Reason,
    column: ColumnKey,
  ) => {
    for (const seen of index.values()) {
      if (!Array.isArray(seen)) continue;
      const rows = seen.map((o) => o.row);
      for (const o of seen) {
        log(o.row, o.code, column, reason(rows));
        const entry = collected.households.get(o.code);
        if (entry) rejectHousehold(entry);
      }
    }
  };
  flagRepeats(byIdNumber, reasons.idNumberDuplicate, 'id_number');
  flagRepeats(byNameAndBirth, reasons.personDuplicate, 'name');

  for (const entry of collected.households.values()) {
    if (entry.fields !== null) continue;
    // Every row left the household's columns empty: there is nothing to import it with.
    log(entry.firstRow, entry.code, 'grid_code', reasons.required(COLUMNS.grid_code));
    log(entry.firstRow, entry.code, 'address', reasons.required(COLUMNS.address));
    rejectHousehold(entry);
  }
  return collected;
}

/** Names every other row of each rejected household, so the report lists every row not imported. */
export function reportRejectedHouseholds(collected: CollectedRows): void {
  const log = createIssueLog(collected);
  for (const entry of collected.households.values()) {
    if (!entry.rejected) continue;
    const bad = entry.rows.filter((r) => collected.rejectedRows.has(r));
    for (const row of entry.rows) {
      if (!collected.rejectedRows.has(row)) log(row, entry.code, null, reasons.householdRejected(bad));
    }
  }
  collected.issues.sort(
    (a, b) => a.row - b.row || (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99),
  );
}
