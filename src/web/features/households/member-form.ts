import {
  type Member,
  type MemberCreate,
  type MemberPatch,
  memberProblems,
} from '../../../shared/domain/household.ts';
import {
  idCardBirthDate,
  idCardGender,
  idCardProblem,
  normaliseIdCardNumber,
} from '../../../shared/validation/id-card.ts';
import { normaliseMobilePhone } from '../../../shared/validation/phone.ts';

/** What the member form holds: text as typed; an empty ID number or phone means none (or keep, when editing). */
export interface MemberFormValues {
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  relationship: string;
  idNumber: string;
  phone: string;
  clearIdNumber: boolean;
  clearPhone: boolean;
}

/** i18n keys under records.problems, by field. */
export type MemberFormProblems = Partial<Record<'birthDate' | 'gender' | 'idNumber' | 'phone', string>>;

const ID_PROBLEM_KEYS = {
  format: 'idFormat',
  area: 'idArea',
  birthDate: 'idBirthDate',
  checkDigit: 'idCheckDigit',
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The same checks the server makes, before sending: the ID number's format and check digit
 * (GB 11643), the phone, a birth date not in the future, and birth date and gender agreeing with
 * a newly typed ID number. Keys are the translations to show under each field.
 */
export function memberFormProblems(values: MemberFormValues, today: Date = new Date()): MemberFormProblems {
  const problems: MemberFormProblems = {};
  const idNumber = values.idNumber.trim() ? normaliseIdCardNumber(values.idNumber) : null;
  if (idNumber) {
    const problem = idCardProblem(idNumber, today);
    if (problem) problems.idNumber = `records.problems.${ID_PROBLEM_KEYS[problem]}`;
  }
  if (values.phone.trim() && normaliseMobilePhone(values.phone) === null)
    problems.phone = 'records.problems.phoneInvalid';
  if (!ISO_DATE.test(values.birthDate) || Number.isNaN(Date.parse(values.birthDate))) {
    problems.birthDate = 'records.problems.dateInvalid';
    return problems;
  }
  const usableId = idNumber && !problems.idNumber ? idNumber : null;
  for (const p of memberProblems(
    { gender: values.gender, birthDate: values.birthDate, idNumber: usableId },
    today,
  )) {
    if (p.field === 'birthDate' || p.field === 'gender') problems[p.field] ??= `records.problems.${p.reason}`;
  }
  return problems;
}

/** Birth date and gender as a valid ID number states them, or null. */
export function fromIdNumber(value: string): { birthDate: string; gender: 'M' | 'F' } | null {
  const idNumber = normaliseIdCardNumber(value);
  if (!idNumber || idCardProblem(idNumber) !== null) return null;
  return { birthDate: idCardBirthDate(idNumber), gender: idCardGender(idNumber) };
}

export function emptyMemberForm(): MemberFormValues {
  return {
    name: '',
    gender: 'M',
    birthDate: '',
    relationship: '户主',
    idNumber: '',
    phone: '',
    clearIdNumber: false,
    clearPhone: false,
  };
}

/** A member's form for editing: personal numbers are not known in full, so they start empty. */
export function memberFormOf(member: Member): MemberFormValues {
  return {
    name: member.name,
    gender: member.gender,
    birthDate: member.birthDate,
    relationship: member.relationship,
    idNumber: '',
    phone: '',
    clearIdNumber: false,
    clearPhone: false,
  };
}

export function createBody(values: MemberFormValues): MemberCreate {
  return {
    name: values.name.trim(),
    gender: values.gender,
    birthDate: values.birthDate,
    relationship: values.relationship as MemberCreate['relationship'],
    idNumber: values.idNumber.trim() ? normaliseIdCardNumber(values.idNumber) : null,
    phone: values.phone.trim() ? values.phone.trim() : null,
  };
}

/** Only what changed: an empty ID number or phone keeps the one on record; "clear" sends null. */
export function patchBody(values: MemberFormValues, original: Member): MemberPatch {
  const body: MemberPatch = {};
  if (values.name.trim() !== original.name) body.name = values.name.trim();
  if (values.gender !== original.gender) body.gender = values.gender;
  if (values.birthDate !== original.birthDate) body.birthDate = values.birthDate;
  if (values.relationship !== original.relationship) body.relationship = values.relationship;
  if (values.idNumber.trim()) body.idNumber = normaliseIdCardNumber(values.idNumber);
  else if (values.clearIdNumber) body.idNumber = null;
  if (values.phone.trim()) body.phone = values.phone.trim();
  else if (values.clearPhone) body.phone = null;
  return body;
}
