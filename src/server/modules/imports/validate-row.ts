import type { Position } from '../../../shared/map/position.ts';
import {
  type Gender,
  idCardBirthDate,
  idCardGender,
  idCardProblem,
  normaliseIdCardNumber,
} from '../../../shared/validation/id-card.ts';
import { normaliseMobilePhone } from '../../../shared/validation/phone.ts';
import { isCleanText } from '../../../shared/validation/text.ts';
import { type CellValue, cellText, optionalPosition, optionalText, type RowProblem } from './cells.ts';
import { COLUMNS, type ColumnKey, HOUSEHOLD_COLUMNS } from './columns.ts';
import { reasons } from './reasons.ts';
import { parseTagCell } from './tag-cell.ts';

/**
 * Checks of one row on its own (everything that needs neither the database nor other rows):
 * required fields, lengths, gender, dates, ID numbers (check digit, and agreement of birth date
 * and gender with the number) and phones, with the shared validators. Values come out
 * normalised: trimmed, ID numbers with an upper-case X, phones as bare 11 digits.
 */

export type RowCells = Record<ColumnKey, CellValue>;

export interface HouseholdFields {
  gridCode: string;
  address: string;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  tags: string[];
  /** Levels of levelled tags: 残疾(2) → { 残疾: '2' }. */
  tagLevels: Record<string, string>;
  /** Set once the tags have been checked against the district's list. */
  isKey: boolean;
  /** Null: none given (a household already positioned keeps its position). */
  position: Position | null;
}

export interface MemberFields {
  name: string;
  gender: Gender;
  birthDate: string;
  relationship: string;
  idNumber: string | null;
  phone: string | null;
}

export interface CheckedRow {
  /** Null when the household code itself is missing or invalid. */
  householdCode: string | null;
  /** Null when every household column but the code is empty (a member row relying on the first). */
  household: HouseholdFields | null;
  /** Null when a member column is invalid. */
  member: MemberFields | null;
  problems: RowProblem[];
}

const DAY_MS = 86_400_000;
const EARLIEST_BIRTH_DATE = '1900-01-01';
const WHITESPACE = /\s/;
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
// Excel serial day numbers: 1 is 1900-01-01 (counted with Excel's phantom 1900-02-29) and
// 25569 is 1970-01-01; 2958465 is 9999-12-31.
const EXCEL_EPOCH_SERIAL = 25_569;
const EXCEL_MAX_SERIAL = 2_958_465;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * 'YYYY-MM-DD' from a date cell (ExcelJS gives midnight UTC), an Excel serial number, a number
 * like 19850714, or text 1985-07-14 (also with / or .); null when it is not a calendar date.
 */
export function parseBirthDate(value: CellValue): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // Serial-to-date conversion can land a millisecond before midnight.
    return isoDay(new Date(Math.round(value.getTime() / 1000) * 1000));
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return null;
    if (value >= 10_000_101 && value <= 99_991_231) {
      return validDate(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
    }
    if (value < 1 || value > EXCEL_MAX_SERIAL) return null;
    // Excel counts 1900-02-29, which never existed: serials from 61 on are one day ahead.
    const days = value - EXCEL_EPOCH_SERIAL + (value < 61 ? 1 : 0);
    return isoDay(new Date(days * DAY_MS));
  }
  const text = cellText(value);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const match = compact ?? ISO_DATE.exec(text);
  if (!match) return null;
  return validDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function checkLength(column: ColumnKey, value: string, problems: RowProblem[]): void {
  if (!isCleanText(value)) problems.push({ column, ...reasons.controlCharacters(COLUMNS[column]) });
  const max = COLUMNS[column].maxLength;
  if (max !== undefined && value.length > max) problems.push({ column, ...reasons.tooLong(COLUMNS[column]) });
}

function checkRequired(column: ColumnKey, value: string, problems: RowProblem[]): boolean {
  if (value !== '') return true;
  problems.push({ column, ...reasons.required(COLUMNS[column]) });
  return false;
}

function checkHousehold(cells: RowCells, problems: RowProblem[]): HouseholdFields | null {
  const blank = HOUSEHOLD_COLUMNS.every((k) => k === 'household_code' || cellText(cells[k]) === '');
  if (blank) return null;
  const gridCode = cellText(cells.grid_code);
  const address = cellText(cells.address);
  checkRequired('grid_code', gridCode, problems);
  if (checkRequired('address', address, problems)) checkLength('address', address, problems);
  const tagCell = parseTagCell(cellText(cells.tags));
  const fields: HouseholdFields = {
    gridCode,
    address,
    estate: optionalText(cells.estate),
    building: optionalText(cells.building),
    unit: optionalText(cells.unit),
    room: optionalText(cells.room),
    tags: tagCell.tags,
    tagLevels: tagCell.levels,
    isKey: false,
    position: optionalPosition(COLUMNS, cells, problems) ?? null,
  };
  for (const column of ['estate', 'building', 'unit', 'room'] as const) {
    const value = fields[column];
    if (value !== null) checkLength(column, value, problems);
  }
  if (fields.tags.some((t) => t.length > (COLUMNS.tags.maxLength ?? Number.POSITIVE_INFINITY))) {
    problems.push({ column: 'tags', ...reasons.tooLong(COLUMNS.tags) });
  }
  return fields;
}

function checkGender(value: string, problems: RowProblem[]): Gender | null {
  if (!checkRequired('gender', value, problems)) return null;
  if (value === '男') return 'M';
  if (value === '女') return 'F';
  problems.push({ column: 'gender', ...reasons.genderInvalid() });
  return null;
}

function checkBirthDate(value: CellValue, today: string, problems: RowProblem[]): string | null {
  if (!checkRequired('birth_date', cellText(value), problems)) return null;
  const date = parseBirthDate(value);
  if (date === null) problems.push({ column: 'birth_date', ...reasons.birthDateInvalid() });
  else if (date > today) problems.push({ column: 'birth_date', ...reasons.birthDateFuture() });
  else if (date < EARLIEST_BIRTH_DATE)
    problems.push({ column: 'birth_date', ...reasons.birthDateTooEarly() });
  else return date;
  return null;
}

const ID_PROBLEMS = {
  format: reasons.idNumberFormat,
  area: reasons.idNumberArea,
  birthDate: reasons.idNumberBirthDate,
  checkDigit: reasons.idNumberCheckDigit,
} as const;

function checkIdNumber(value: CellValue, today: Date, problems: RowProblem[]): string | null | undefined {
  if (cellText(value) === '') return null;
  // Excel keeps 15 significant digits: an ID typed into a number cell has lost its tail.
  if (typeof value === 'number') {
    problems.push({ column: 'id_number', ...reasons.idNumberNotText() });
    return undefined;
  }
  const idNumber = normaliseIdCardNumber(cellText(value));
  const problem = idCardProblem(idNumber, today);
  if (problem === null) return idNumber;
  problems.push({ column: 'id_number', ...ID_PROBLEMS[problem]() });
  return undefined;
}

/** Checks one data row. `today` bounds birth dates (passed in so tests control the clock). */
export function checkRow(cells: RowCells, today: Date): CheckedRow {
  const problems: RowProblem[] = [];
  const todayIso = isoDay(today);

  let householdCode: string | null = cellText(cells.household_code);
  if (!checkRequired('household_code', householdCode, problems)) householdCode = null;
  else if (householdCode.length > (COLUMNS.household_code.maxLength ?? 40)) {
    problems.push({ column: 'household_code', ...reasons.tooLong(COLUMNS.household_code) });
    householdCode = null;
  } else if (WHITESPACE.test(householdCode)) {
    problems.push({ column: 'household_code', ...reasons.householdCodeFormat() });
    householdCode = null;
  }

  const household = checkHousehold(cells, problems);

  const before = problems.length;
  const name = cellText(cells.name);
  if (checkRequired('name', name, problems)) checkLength('name', name, problems);
  const gender = checkGender(cellText(cells.gender), problems);
  const birthDate = checkBirthDate(cells.birth_date, todayIso, problems);
  const relationship = cellText(cells.relationship);
  if (checkRequired('relationship', relationship, problems))
    checkLength('relationship', relationship, problems);
  const idNumber = checkIdNumber(cells.id_number, today, problems);
  if (typeof idNumber === 'string') {
    const fromId = idCardBirthDate(idNumber);
    if (birthDate !== null && birthDate !== fromId) {
      problems.push({ column: 'birth_date', ...reasons.birthDateMismatch(fromId) });
    }
    if (gender !== null && gender !== idCardGender(idNumber)) {
      problems.push({ column: 'gender', ...reasons.genderMismatch(idCardGender(idNumber)) });
    }
  }
  let phone: string | null = null;
  const phoneText = cellText(cells.phone);
  if (phoneText !== '') {
    phone = normaliseMobilePhone(phoneText);
    if (phone === null) problems.push({ column: 'phone', ...reasons.phoneInvalid() });
  }

  const memberValid =
    problems.length === before && gender !== null && birthDate !== null && idNumber !== undefined;
  return {
    householdCode,
    household,
    member: memberValid ? { name, gender, birthDate, relationship, idNumber, phone } : null,
    problems,
  };
}
