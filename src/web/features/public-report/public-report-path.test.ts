import { describe, expect, it } from 'vitest';
import { isPublicReportPath, publicReportRegionId } from './public-report-path.ts';

describe('public report addresses', () => {
  it('reads the region id from /report/<id> and nothing else', () => {
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(publicReportRegionId(`/report/${id}`)).toBe(id);
    expect(publicReportRegionId(`/report/${id.toUpperCase()}/`)).toBe(id);
    expect(publicReportRegionId('/report/not-an-id')).toBeNull();
    expect(publicReportRegionId(`/report/${id}/extra`)).toBeNull();
    expect(publicReportRegionId(`/households/${id}`)).toBeNull();
  });

  it('treats every /report address as public, so a bad code shows the form page, not the sign-in', () => {
    expect(isPublicReportPath('/report/whatever')).toBe(true);
    expect(isPublicReportPath('/report')).toBe(true);
    expect(isPublicReportPath('/reports')).toBe(false);
    expect(isPublicReportPath('/')).toBe(false);
  });
});
