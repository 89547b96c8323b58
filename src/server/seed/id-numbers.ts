import { buildIdCardNumber } from '../../shared/validation/id-card.ts';
import { AS_OF, fromEpochDay, toEpochDay } from './dates.ts';
import { hashString } from './random.ts';

/**
 * Allocates resident ID numbers that are valid (GB 11643) and unique within an area code. A
 * number is fixed by area, birth date and a 3-digit sequence whose parity is the gender, so each
 * (birth date, gender) has 500 numbers; a counter per pair hands them out in a scrambled order
 * (real sequence codes are not consecutive). When a day is full the birth date moves to a
 * neighbouring day, which is why the allocator returns the birth date it used.
 */
export interface IdAllocation {
  idNumber: string;
  birthDate: string;
}

const PER_DAY = 500;
// Coprime with 500, so k → (k·STRIDE + offset) mod 500 visits every slot once.
const STRIDE = 211;

export function createIdNumberAllocator(areaCode: string, asOf: string = AS_OF) {
  const used = new Map<number, number>();
  const lastDay = toEpochDay(asOf) - 1;
  return (birthDate: string, gender: 'M' | 'F'): IdAllocation => {
    let day = toEpochDay(birthDate);
    for (let step = 1; ; step++) {
      const key = day * 2 + (gender === 'M' ? 1 : 0);
      const k = used.get(key) ?? 0;
      if (k < PER_DAY) {
        used.set(key, k + 1);
        const date = fromEpochDay(day);
        const slot = (k * STRIDE + (hashString(date) % PER_DAY)) % PER_DAY;
        const sequence = slot * 2 + (gender === 'M' ? 1 : 0);
        return { idNumber: buildIdCardNumber(areaCode, date, sequence), birthDate: date };
      }
      // Alternate later/earlier days, never after the reference date.
      day += step % 2 === 1 ? step : -step;
      if (day > lastDay) day -= 2 * step;
    }
  };
}
