import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildIdCardNumber,
  idCardBirthDate,
  idCardCheckDigit,
  idCardGender,
  idCardNumberSchema,
  idCardProblem,
  isValidIdCardNumber,
} from './id-card.ts';

const TODAY = new Date('2026-11-22T00:00:00Z');

const areaCode = fc.oneof(
  fc.constantFrom('110105', '310115', '330109', '330106', '440305', '510107', '650102', '810000'),
  fc
    .tuple(fc.constantFrom('11', '21', '33', '34', '41', '44', '52', '63'), fc.integer({ min: 0, max: 9999 }))
    .map(([p, rest]) => p + String(rest).padStart(4, '0')),
);
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validIdCard = fc
  .record({ area: areaCode, birth: birthDate, sequence: fc.integer({ min: 0, max: 999 }) })
  .map((p) => ({ ...p, number: buildIdCardNumber(p.area, p.birth, p.sequence) }));

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard example and its lower-case x', () => {
    expect(isValidIdCardNumber('11010519491231002X', TODAY)).toBe(true);
    expect(isValidIdCardNumber('11010519491231002x', TODAY)).toBe(true);
    expect(idCardBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idCardGender('11010519491231002X')).toBe('F');
  });

  it('computes the check digit of the standard examples', () => {
    expect(idCardCheckDigit('11010519491231002')).toBe('X');
    // GB 11643's other example is born in 1880: right check digit, but before any living person.
    expect(idCardCheckDigit('44052418800101001')).toBe('4');
    expect(idCardProblem('440524188001010014', TODAY)).toBe('birthDate');
  });

  it('names what is wrong', () => {
    expect(idCardProblem('110105194912310021', TODAY)).toBe('checkDigit');
    expect(idCardProblem('11010519491231002', TODAY)).toBe('format');
    expect(idCardProblem('1101051949123100XX', TODAY)).toBe('format');
    expect(idCardProblem('99010519491231002X', TODAY)).toBe('area');
    expect(idCardProblem(buildIdCardNumber('110105', '2001-02-29', 2), TODAY)).toBe('birthDate');
    expect(idCardProblem(buildIdCardNumber('110105', '2027-01-01', 2), TODAY)).toBe('birthDate');
    // "Today" is Beijing's: at 01:00 CST on 11-23 (still 11-22 in UTC) a baby born that day is not in the future.
    const earlyMorning = new Date('2026-11-23T01:00:00+08:00');
    expect(isValidIdCardNumber(buildIdCardNumber('110105', '2026-11-23', 2), earlyMorning)).toBe(true);
    expect(idCardProblem(buildIdCardNumber('110105', '2026-11-24', 2), earlyMorning)).toBe('birthDate');
    expect(isValidIdCardNumber(buildIdCardNumber('110105', '2000-02-29', 2), TODAY)).toBe(true);
    expect(isValidIdCardNumber(buildIdCardNumber('110105', '1900-02-29', 2), TODAY)).toBe(false);
  });

  it('validates every generated number and reads back its birth date and gender', () => {
    fc.assert(
      fc.property(validIdCard, ({ number, birth, sequence }) => {
        expect(idCardProblem(number, TODAY)).toBeNull();
        expect(idCardBirthDate(number)).toBe(birth);
        expect(idCardGender(number)).toBe(sequence % 2 === 1 ? 'M' : 'F');
      }),
    );
  });

  it('rejects any single-character change of a valid number', () => {
    fc.assert(
      fc.property(
        validIdCard,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        ({ number }, position, replacement) => {
          fc.pre(number[position] !== replacement);
          const changed = number.slice(0, position) + replacement + number.slice(position + 1);
          expect(isValidIdCardNumber(changed, TODAY)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('schema trims, upper-cases and explains', () => {
    expect(idCardNumberSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X');
    const result = idCardNumberSchema.safeParse('110105194912310021');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/check digit/);
  });
});
