import { describe, expect, it } from 'vitest';
import type { EnterpriseDetail } from '../../../shared/domain/enterprise.ts';
import { creditCodeCheckChar } from '../../../shared/validation/credit-code.ts';
import { ApiError } from '../../api/api-error.ts';
import {
  changeBody,
  createBody,
  creditCodeProblem,
  fieldErrorsFrom,
  initialValues,
  isValidContactPhone,
} from './enterprise-form.ts';

const BODY = '91330109MA2B3C4D5';
const CODE = BODY + creditCodeCheckChar(BODY);
const WRONG = BODY + (CODE.endsWith('0') ? '1' : '0');

const detail: EnterpriseDetail = {
  id: '0190f5c2-7a41-7000-8000-000000000001',
  name: '杭州测试科技有限公司',
  creditCode: CODE,
  address: '建设一路1号',
  gridId: '0190f5c2-7a41-7000-8000-000000000002',
  gridName: '第一网格',
  tags: ['专精特新'],
  liaisonId: null,
  liaisonName: null,
  regionPath: [],
  contactName: '王经理',
  contactPhoneMasked: '139****5678',
  position: null,
  actions: ['edit'],
};

describe('the enterprise form', () => {
  it('tells a wrong check character from a wrong shape, accepting lower case', () => {
    expect(creditCodeProblem(CODE)).toBeNull();
    expect(creditCodeProblem(` ${CODE.toLowerCase()} `)).toBeNull();
    expect(creditCodeProblem(WRONG)).toBe('checkChar');
    expect(creditCodeProblem(CODE.slice(0, 17))).toBe('format');
    expect(creditCodeProblem(`${BODY.slice(0, 16)}I${CODE.slice(17)}`)).toBe('format');
    expect(creditCodeProblem('')).toBe('format');
  });

  it('accepts an empty contact phone or a mainland mobile number', () => {
    expect(isValidContactPhone('')).toBe(true);
    expect(isValidContactPhone('+86 139-1234-5678')).toBe(true);
    expect(isValidContactPhone('12345')).toBe(false);
  });

  it('builds a create body without empty optional fields', () => {
    const values = {
      ...initialValues(),
      gridId: detail.gridId,
      name: ' 新企业 ',
      creditCode: CODE.toLowerCase(),
      address: '路1号',
    };
    expect(createBody(values)).toEqual({
      gridId: detail.gridId,
      name: '新企业',
      creditCode: CODE,
      address: '路1号',
      tags: [],
    });
    expect(createBody({ ...values, contactName: '李', contactPhone: '13900001111' })).toMatchObject({
      contactName: '李',
      contactPhone: '13900001111',
    });
  });

  it('sends only what changed when editing, and nothing for an untouched form', () => {
    const values = initialValues(detail);
    expect(changeBody(detail, values)).toBeNull();
    expect(changeBody(detail, { ...values, address: '新地址 ', tags: ['专精特新', '百强'] })).toEqual({
      address: '新地址',
      tags: ['专精特新', '百强'],
    });
    expect(changeBody(detail, { ...values, contactName: ' ', clearContactPhone: true })).toEqual({
      contactName: null,
      contactPhone: null,
    });
    expect(changeBody(detail, { ...values, contactPhone: '13800001234' })).toEqual({
      contactPhone: '13800001234',
    });
  });

  it("puts the server's refusals on the fields they name", () => {
    const conflict = ApiError.fromProblem({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'CONFLICT',
      messageKey: 'errors.conflict',
      errors: [{ path: 'body.creditCode', reason: 'duplicate', message: 'credit code already on record' }],
    });
    expect(fieldErrorsFrom(conflict)).toEqual([
      { field: 'creditCode', messageKey: 'enterprises.form.creditCodeTaken' },
    ]);
    const invalid = ApiError.fromProblem({
      type: 'about:blank',
      title: 'Invalid',
      status: 422,
      code: 'VALIDATION_FAILED',
      messageKey: 'errors.validationFailed',
      errors: [
        { path: 'body.tags', reason: 'tag', message: 'unknown tag x' },
        { path: 'body.tags', reason: 'tag', message: 'a tag is listed twice' },
        { path: 'body.contactPhone', reason: 'custom', message: 'bad' },
        { path: 'body.somethingElse', reason: 'unrecognized_keys', message: 'no' },
      ],
    });
    expect(fieldErrorsFrom(invalid)).toEqual([
      { field: 'tags', messageKey: 'enterprises.form.tagsRefused' },
      { field: 'contactPhone', messageKey: 'enterprises.form.contactPhoneFormat' },
    ]);
  });
});
