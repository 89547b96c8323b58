import { type CellValue, cellText, optionalPhone, type RowProblem, requiredText } from './cells.ts';
import { reasons } from './reasons.ts';
import { STAFF_COLUMNS as C, type StaffKey } from './staff-columns.ts';

/** Checks of one staff row on its own; the region needs the database (import-staff.ts). */
export interface StaffFields {
  row: number;
  code: string;
  name: string;
  post: string;
  regionCode: string;
  phone: string | null;
}

const STAFF_CODE = /^[0-9A-Za-z_-]+$/;

export function checkStaffRow(
  row: number,
  cells: Record<StaffKey, CellValue>,
): { key: string | null; fields: StaffFields | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  let code = requiredText(C.staff_code, cells.staff_code, problems);
  if (code !== undefined && !STAFF_CODE.test(code)) {
    problems.push({ column: 'staff_code', ...reasons.staffCodeFormat() });
    code = undefined;
  }
  const name = requiredText(C.name, cells.name, problems);
  const post = requiredText(C.post, cells.post, problems);
  const regionCode = requiredText(C.region_code, cells.region_code, problems);
  const phone = optionalPhone(C.phone, cells.phone, problems);
  const key = code ?? (cellText(cells.staff_code).slice(0, 40) || null);
  if (
    problems.length > 0 ||
    code === undefined ||
    name === undefined ||
    post === undefined ||
    regionCode === undefined ||
    phone === undefined
  ) {
    return { key, fields: null, problems };
  }
  return { key, fields: { row, code, name, post, regionCode, phone }, problems };
}
