import { describe, expect, it } from 'vitest';
import { progressPercent, withProgressId } from './follow-progress.ts';
import { uploadType } from './save-file.ts';
import { exportPath, uploadPath } from './transfer-api.ts';

describe('transfer URLs', () => {
  it('names the region and the approval only when given', () => {
    expect(exportPath('households', {})).toBe('/api/v1/exports/households');
    expect(exportPath('staff', { regionId: 'r1' })).toBe('/api/v1/exports/staff?regionId=r1');
    expect(exportPath('households', { regionId: 'r1', requestId: 'q1' })).toBe(
      '/api/v1/exports/households?regionId=r1&requestId=q1',
    );
  });

  it('carries the file name, encoded and cut to what the server keeps', () => {
    expect(uploadPath('households', '住户 名单&1.csv')).toBe(
      `/api/v1/imports/households?fileName=${encodeURIComponent('住户 名单&1.csv').replace(/%20/g, '+')}`,
    );
    const long = `${'x'.repeat(300)}.xlsx`;
    expect(new URL(uploadPath('hierarchy', long), 'http://h').searchParams.get('fileName')?.length).toBe(200);
    expect(new URL(uploadPath('staff', 'a.csv', 'run-1'), 'http://h').searchParams.get('runId')).toBe(
      'run-1',
    );
  });
});

describe('upload media type', () => {
  it('goes by the extension, since Windows labels .csv as an Excel file', () => {
    expect(uploadType('a.CSV', 'application/vnd.ms-excel')).toBe('text/csv');
    expect(uploadType('a.xlsx', '')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(uploadType('a.txt', 'text/plain')).toBe('text/plain');
    expect(uploadType('noext', '')).toBe('application/octet-stream');
  });
});

describe('import and export progress bar', () => {
  const at = (state: 'waiting' | 'reading' | 'writing' | 'done', done: number, total: number | null) => ({
    id: '00000000-0000-7000-8000-000000000000',
    operation: 'import' as const,
    kind: 'households',
    state,
    done,
    total,
    errorCode: null,
  });
  it('measures the writing, rounding down so only a finished run shows 100', () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent(at('reading', 0, null))).toBe(0);
    expect(progressPercent(at('writing', 0, 0))).toBe(0);
    expect(progressPercent(at('writing', 1_000, 3_000))).toBe(33);
    expect(progressPercent(at('writing', 2_999, 3_000))).toBe(99);
    expect(progressPercent(at('done', 3_000, 3_000))).toBe(100);
  });
  it("adds the run's id to an export's query, with or without one", () => {
    expect(withProgressId('/api/v1/cases/export', 'r1')).toBe('/api/v1/cases/export?progressId=r1');
    expect(withProgressId('/api/v1/exports/households?tag=a', 'r1')).toBe(
      '/api/v1/exports/households?tag=a&progressId=r1',
    );
  });
});
