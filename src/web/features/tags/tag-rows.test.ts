import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGS } from '../../../shared/domain/tags.ts';
import { droppedCodes, listToSave, newRow, rowsOf } from './tag-rows.ts';

const household = DEFAULT_TAGS.filter((t) => t.subject === 'household');

describe('the tag editor', () => {
  it('sends the saved list unchanged, and a new row with its name as code', () => {
    const rows = rowsOf(household);
    expect(listToSave(rows)).toEqual(household);
    const added = { ...newRow('household', rows, 'n1'), name: '困境儿童', nameEn: 'Child in difficulty' };
    expect(added.sortOrder).toBe(household.length);
    expect(listToSave([...rows, added])?.at(-1)).toMatchObject({ code: '困境儿童', name: '困境儿童' });
  });

  it('refuses incomplete rows, repeated codes and an empty list', () => {
    const rows = rowsOf(household);
    expect(listToSave([...rows, newRow('household', rows, 'n1')])).toBeNull();
    expect(
      listToSave([...rows, { ...newRow('household', rows, 'n1'), name: '低保', nameEn: 'Dup' }]),
    ).toBeNull();
    expect(listToSave([])).toBeNull();
  });

  it('names the saved codes a list drops', () => {
    const rows = rowsOf(household).filter((r) => r.code !== '低保');
    expect(droppedCodes(household, rows)).toEqual(['低保']);
  });
});
