import { describe, expect, it } from 'vitest';
import { checkTags, DEFAULT_TAGS } from './tags.ts';

describe('tag lists', () => {
  it('accepts known tags, marking key households', () => {
    expect(checkTags(DEFAULT_TAGS, 'household', ['低保'])).toEqual({ problems: [], isKey: true });
    expect(checkTags(DEFAULT_TAGS, 'household', [])).toEqual({ problems: [], isKey: false });
    expect(checkTags(DEFAULT_TAGS, 'enterprise', ['百强']).problems).toEqual([]);
  });

  it('refuses unknown, retired, repeated and wrongly levelled tags', () => {
    const retired = DEFAULT_TAGS.map((t) => (t.code === '留守' ? { ...t, active: false } : t));
    expect(checkTags(DEFAULT_TAGS, 'household', ['百强']).problems).toEqual(['unknown tag 百强']);
    expect(checkTags(retired, 'household', ['留守']).problems).toHaveLength(1);
    expect(checkTags(DEFAULT_TAGS, 'household', ['低保', '低保']).problems).toEqual([
      'a tag is listed twice',
    ]);
    expect(checkTags(DEFAULT_TAGS, 'household', ['残疾']).problems).toEqual(['tag 残疾 needs a level 1–4']);
    expect(checkTags(DEFAULT_TAGS, 'household', ['残疾'], { 残疾: '2' }).problems).toEqual([]);
    expect(checkTags(DEFAULT_TAGS, 'household', ['低保'], { 低保: '1' }).problems).toEqual([
      'level given for 低保',
    ]);
  });
});
