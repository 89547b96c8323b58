import { describe, expect, it } from 'vitest';
import { unmaskRequestSchema } from '../../../shared/domain/household.ts';
import { unmaskReasonText } from './unmask-reason.ts';

const label = (preset: 'visit' | 'contact') => (preset === 'visit' ? '入户走访核实' : '联系住户');

describe('unmaskReasonText', () => {
  it('sends the preset label as the reason', () => {
    expect(unmaskReasonText('visit', 'ignored', label)).toBe('入户走访核实');
    expect(unmaskReasonText('contact', '', label)).toBe('联系住户');
  });

  it('takes typed text for "other" only when the server would accept it', () => {
    expect(unmaskReasonText('other', '  ', label)).toBeUndefined();
    expect(unmaskReasonText('other', '查', label)).toBeUndefined();
    expect(unmaskReasonText('other', ' 核对低保材料 ', label)).toBe('核对低保材料');
    expect(unmaskReasonText('other', 'x'.repeat(201), label)).toBeUndefined();
    for (const reason of ['入户走访核实', '联系住户', unmaskReasonText('other', '核对低保材料', label)]) {
      expect(unmaskRequestSchema.safeParse({ field: 'phone', reason }).success).toBe(true);
    }
  });
});
