import { describe, expect, it } from 'vitest';
import { unmaskRequestSchema } from '../../shared/domain/household.ts';
import { reasonText } from './reason-text.ts';

const label = (preset: string) => (preset === 'visit' ? '入户走访核实' : '联系住户');

describe('reasonText', () => {
  it('sends the preset label as the reason', () => {
    expect(reasonText('visit', 'ignored', label)).toBe('入户走访核实');
    expect(reasonText('contact', '', label)).toBe('联系住户');
  });

  it('takes typed text for "other" only when the server would accept it', () => {
    expect(reasonText('other', '  ', label)).toBeUndefined();
    expect(reasonText('other', '查', label)).toBeUndefined();
    expect(reasonText('other', ' 核对低保材料 ', label)).toBe('核对低保材料');
    expect(reasonText('other', 'x'.repeat(201), label)).toBeUndefined();
    for (const reason of ['入户走访核实', '联系住户', reasonText('other', '核对低保材料', label)]) {
      expect(unmaskRequestSchema.safeParse({ field: 'phone', reason }).success).toBe(true);
    }
  });
});
