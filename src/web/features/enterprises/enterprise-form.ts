import type {
  CreateEnterpriseInput,
  EnterpriseDetail,
  UpdateEnterpriseInput,
} from '../../../shared/domain/enterprise.ts';
import { samePosition } from '../../../shared/map/position.ts';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isValidCreditCode,
} from '../../../shared/validation/credit-code.ts';
import { normaliseMobilePhone } from '../../../shared/validation/phone.ts';
import type { ApiError } from '../../api/api-error.ts';
import {
  type PositionInputValues,
  positionFromInputs,
  positionInputValues,
} from '../../components/position-inputs.ts';

/** The edit drawer's fields as the form holds them (text inputs hold strings, never null). */
export interface EnterpriseFormValues extends PositionInputValues {
  gridId: string | undefined;
  name: string;
  creditCode: string;
  address: string;
  tags: string[];
  contactName: string;
  /** Typed anew; empty keeps the phone on record (editing) or records none (creating). */
  contactPhone: string;
  /** Editing only: delete the phone on record. */
  clearContactPhone: boolean;
}

export function initialValues(detail?: EnterpriseDetail): EnterpriseFormValues {
  return {
    gridId: detail?.gridId,
    name: detail?.name ?? '',
    creditCode: detail?.creditCode ?? '',
    address: detail?.address ?? '',
    tags: detail ? [...detail.tags] : [],
    contactName: detail?.contactName ?? '',
    contactPhone: '',
    clearContactPhone: false,
    ...positionInputValues(detail?.position ?? null),
  };
}

/**
 * Why a credit code would be refused, so the form can say so before sending: the shape (18
 * characters of the GB 32100 charset) or the check character. Lower case counts as upper case,
 * as on the server.
 */
export function creditCodeProblem(value: string): 'format' | 'checkChar' | null {
  const code = value.trim().toUpperCase();
  if (isValidCreditCode(code)) return null;
  const body = code.slice(0, 17);
  if (code.length === 18 && [...body].every((c) => CREDIT_CODE_CHARSET.includes(c))) {
    if (isValidCreditCode(body + creditCodeCheckChar(body))) return 'checkChar';
  }
  return 'format';
}

export const isValidContactPhone = (value: string) =>
  value.trim() === '' || normaliseMobilePhone(value) !== null;

/** The body of a create request; empty optional fields are left out. */
export function createBody(values: EnterpriseFormValues): CreateEnterpriseInput {
  const contactName = values.contactName.trim();
  const contactPhone = values.contactPhone.trim();
  const position = positionFromInputs(values);
  return {
    gridId: values.gridId ?? '',
    name: values.name.trim(),
    creditCode: values.creditCode.trim().toUpperCase(),
    address: values.address.trim(),
    tags: values.tags,
    ...(contactName ? { contactName } : {}),
    ...(contactPhone ? { contactPhone } : {}),
    ...(position ? { position } : {}),
  };
}

/** Only what the user changed (an edit must not resend, and so re-audit, untouched fields); null for nothing. */
export function changeBody(
  detail: EnterpriseDetail,
  values: EnterpriseFormValues,
): UpdateEnterpriseInput | null {
  const change: UpdateEnterpriseInput = {};
  const name = values.name.trim();
  const creditCode = values.creditCode.trim().toUpperCase();
  const address = values.address.trim();
  const contactName = values.contactName.trim() || null;
  const contactPhone = values.contactPhone.trim();
  if (values.gridId && values.gridId !== detail.gridId) change.gridId = values.gridId;
  if (name !== detail.name) change.name = name;
  if (creditCode !== detail.creditCode) change.creditCode = creditCode;
  if (address !== detail.address) change.address = address;
  if (values.tags.join('\u0000') !== detail.tags.join('\u0000')) change.tags = values.tags;
  if (contactName !== detail.contactName) change.contactName = contactName;
  if (values.clearContactPhone && detail.contactPhoneMasked !== null) change.contactPhone = null;
  else if (contactPhone) change.contactPhone = contactPhone;
  const position = positionFromInputs(values);
  if (!samePosition(position, detail.position)) change.position = position;
  return Object.keys(change).length > 0 ? change : null;
}

export type EnterpriseField = Exclude<
  keyof EnterpriseFormValues,
  'clearContactPhone' | 'latitude' | 'longitude'
>;

const FIELD_MESSAGES: Record<EnterpriseField, string> = {
  gridId: 'enterprises.form.gridOnly',
  name: 'enterprises.form.nameRequired',
  creditCode: 'enterprises.form.creditCodeCheck',
  address: 'enterprises.form.addressRequired',
  tags: 'enterprises.form.tagsRefused',
  contactName: 'errors.validationFailed',
  contactPhone: 'enterprises.form.contactPhoneFormat',
};

/**
 * The server's refusal as messages on the fields it names (i18n keys): a taken credit code
 * (409), or the fields a 422 lists. Empty when the error is not about a field.
 */
export function fieldErrorsFrom(error: ApiError): { field: EnterpriseField; messageKey: string }[] {
  const issues = error.problem?.errors ?? [];
  const result: { field: EnterpriseField; messageKey: string }[] = [];
  for (const issue of issues) {
    const field = issue.path.split('.')[1] as EnterpriseField | undefined;
    if (!field || !(field in FIELD_MESSAGES) || result.some((r) => r.field === field)) continue;
    const duplicate = field === 'creditCode' && (error.code === 'CONFLICT' || issue.reason === 'duplicate');
    result.push({
      field,
      messageKey: duplicate ? 'enterprises.form.creditCodeTaken' : FIELD_MESSAGES[field],
    });
  }
  return result;
}
