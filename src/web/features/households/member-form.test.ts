import { describe, expect, it } from 'vitest';
import { buildIdCardNumber } from '../../../shared/validation/id-card.ts';
import { createBody, emptyMemberForm, fromIdNumber, memberFormProblems, patchBody } from './member-form.ts';

const today = new Date('2026-06-01T00:00:00Z');
const id = buildIdCardNumber('330109', '1985-07-14', 123); // odd sequence: male
const form = (changes: Partial<ReturnType<typeof emptyMemberForm>>) => ({
  ...emptyMemberForm(),
  name: '张三',
  birthDate: '1985-07-14',
  gender: 'M' as const,
  ...changes,
});

describe('the member form checks what the server checks', () => {
  it('accepts a consistent member and reads birth date and gender off the ID number', () => {
    expect(memberFormProblems(form({ idNumber: id, phone: '+86 138 0013 8000' }), today)).toEqual({});
    expect(fromIdNumber(id.toLowerCase())).toEqual({ birthDate: '1985-07-14', gender: 'M' });
    expect(fromIdNumber('123')).toBeNull();
  });

  it('names the check digit, a disagreeing birth date or gender, a bad phone and a future date', () => {
    const wrong = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
    expect(memberFormProblems(form({ idNumber: wrong }), today)).toEqual({
      idNumber: 'records.problems.idCheckDigit',
    });
    expect(memberFormProblems(form({ idNumber: id, birthDate: '1985-07-15', gender: 'F' }), today)).toEqual({
      birthDate: 'records.problems.birthDateMismatch',
      gender: 'records.problems.genderMismatch',
    });
    expect(memberFormProblems(form({ phone: '12345' }), today)).toEqual({
      phone: 'records.problems.phoneInvalid',
    });
    expect(memberFormProblems(form({ birthDate: '2030-01-01' }), today)).toEqual({
      birthDate: 'records.problems.birthDateFuture',
    });
    expect(memberFormProblems(form({ birthDate: '1985-13-01' }), today).birthDate).toBe(
      'records.problems.dateInvalid',
    );
  });

  it('sends blanks as none when adding and only the changes when editing', () => {
    expect(createBody(form({ idNumber: ` ${id.toLowerCase()} ` }))).toMatchObject({
      idNumber: id,
      phone: null,
    });
    const original = {
      id: '00000000-0000-7000-8000-000000000000',
      name: '张三',
      gender: 'M' as const,
      birthDate: '1985-07-14',
      relationship: '户主',
      idNumberMasked: '3301**********1234',
      phoneMasked: null,
    };
    expect(patchBody(form({}), original)).toEqual({});
    expect(patchBody(form({ name: '张四', clearIdNumber: true }), original)).toEqual({
      name: '张四',
      idNumber: null,
    });
    expect(patchBody(form({ phone: '13800138000', clearPhone: true }), original)).toEqual({
      phone: '13800138000',
    });
  });
});
