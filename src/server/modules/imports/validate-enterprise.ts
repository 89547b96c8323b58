import type { Position } from '../../../shared/map/position.ts';
import { isValidCreditCode } from '../../../shared/validation/credit-code.ts';
import {
  type CellValue,
  cellText,
  optionalChecked,
  optionalPhone,
  optionalPosition,
  type RowProblem,
  requiredText,
} from './cells.ts';
import { ENTERPRISE_COLUMNS as C, type EnterpriseKey } from './enterprise-columns.ts';
import { reasons } from './reasons.ts';
import { parseTagCell, type TagCell } from './tag-cell.ts';

/**
 * Checks of one enterprise row on its own: required columns, lengths, the credit code's check
 * character (shared validator), the contact phone. The grid, the tags against the district's
 * list and the liaison account need the database (import-enterprises.ts).
 */
export interface EnterpriseFields {
  row: number;
  name: string;
  creditCode: string;
  address: string;
  gridCode: string;
  tags: TagCell;
  contactName: string | null;
  contactPhone: string | null;
  /** Null: keep the liaison already assigned. */
  liaisonUsername: string | null;
  /** Null: keep the position already recorded. */
  position: Position | null;
}

export function checkEnterpriseRow(
  row: number,
  cells: Record<EnterpriseKey, CellValue>,
): { key: string | null; fields: EnterpriseFields | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const name = requiredText(C.name, cells.name, problems);
  let creditCode = requiredText(C.credit_code, cells.credit_code, problems)?.toUpperCase();
  if (creditCode !== undefined && !isValidCreditCode(creditCode)) {
    problems.push({ column: 'credit_code', ...reasons.creditCodeInvalid() });
    creditCode = undefined;
  }
  const address = requiredText(C.address, cells.address, problems);
  const gridCode = requiredText(C.grid_code, cells.grid_code, problems);
  const tags = parseTagCell(cellText(cells.tags));
  if (tags.tags.some((t) => t.length > (C.tags.maxLength ?? Number.POSITIVE_INFINITY))) {
    problems.push({ column: 'tags', ...reasons.tooLong(C.tags) });
  }
  const contactName = optionalChecked(C.contact_name, cells.contact_name, problems);
  const contactPhone = optionalPhone(C.contact_phone, cells.contact_phone, problems);
  const liaisonUsername = optionalChecked(C.liaison_username, cells.liaison_username, problems);
  const position = optionalPosition(C, cells, problems);

  const key = creditCode ?? (cellText(cells.credit_code).slice(0, 40) || null);
  if (
    problems.length > 0 ||
    name === undefined ||
    creditCode === undefined ||
    address === undefined ||
    gridCode === undefined ||
    contactName === undefined ||
    contactPhone === undefined ||
    liaisonUsername === undefined ||
    position === undefined
  ) {
    return { key, fields: null, problems };
  }
  return {
    key,
    fields: {
      row,
      name,
      creditCode,
      address,
      gridCode,
      tags,
      contactName,
      contactPhone,
      liaisonUsername,
      position,
    },
    problems,
  };
}
