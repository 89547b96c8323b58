import { describe, expect, it } from 'vitest';
import { clientErrorSchema } from '../../shared/domain/meta.ts';
import { buildClientErrorReport } from './client-error-report.ts';

describe('buildClientErrorReport', () => {
  it('fits the strict server schema, clipping long fields', () => {
    const error = new Error('x'.repeat(5000));
    error.stack = 's'.repeat(20_000);
    const report = buildClientErrorReport(error, 'c'.repeat(9000), {
      url: `http://localhost/${'p'.repeat(3000)}`,
      userAgent: 'u'.repeat(900),
    });
    expect(clientErrorSchema.safeParse(report).success).toBe(true);
    expect(report.message).toHaveLength(2000);
  });

  it('keeps only the allowed fields and omits absent ones', () => {
    const report = buildClientErrorReport('plain string', null, { url: 'http://localhost/regions' });
    expect(report).toEqual({ message: 'plain string', url: 'http://localhost/regions' });
    expect(clientErrorSchema.safeParse(report).success).toBe(true);
  });
});
