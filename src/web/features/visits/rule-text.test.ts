import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en.ts';
import { zhCN } from '../../../shared/i18n/zh-CN.ts';
import { ruleText } from './rule-text.ts';

// A tiny stand-in for i18next's t over one catalogue.
const translator =
  (catalogue: unknown) =>
  (key: string, values: Record<string, unknown> = {}) => {
    let node: unknown = catalogue;
    for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
    return String(node).replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(values[name]));
  };
const t = translator(zhCN);

describe('rule text', () => {
  it('reads each kind of rule in Chinese', () => {
    expect(
      ruleText(
        { kind: 'quota', params: { role: 'grid_worker', target: 'household', count: 50, period: 'month' } },
        t,
      ),
    ).toBe('网格员每月走访住户 50 户次');
    expect(
      ruleText({ kind: 'coverage', params: { target: 'enterprise', period: 'quarter', percent: 100 } }, t),
    ).toBe('每季度企业覆盖 100%');
    expect(ruleText({ kind: 'visit_days', params: { weekdays: [2], monthDays: [5, 15] } }, t)).toBe(
      '走访日：周二、5日、15日',
    );
    expect(ruleText({ kind: 'night_target', params: { count: 4, period: 'month' } }, t)).toBe(
      '每月夜访 4 次',
    );
  });

  it('names week days and uses the list separator of the language', () => {
    const tEn = translator(en);
    expect(ruleText({ kind: 'visit_days', params: { weekdays: [2, 4] } }, t)).toBe('走访日：周二、周四');
    expect(ruleText({ kind: 'visit_days', params: { weekdays: [2, 4] } }, tEn)).toBe(
      'Visit days: Tuesday, Thursday',
    );
    expect(
      ruleText(
        { kind: 'quota', params: { role: 'grid_worker', target: 'household', count: 60, period: 'month' } },
        tEn,
      ),
    ).toBe('Grid worker: 60 household visits each month');
  });
});
