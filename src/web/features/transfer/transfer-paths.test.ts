import { describe, expect, it } from 'vitest';
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
