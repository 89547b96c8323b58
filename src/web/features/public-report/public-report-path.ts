const REPORT_PATH =
  /^\/report\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\/?$/;

/** The region id of a public report address (`/report/<regionId>`, what a QR code opens), or null. */
export function publicReportRegionId(pathname: string): string | null {
  return REPORT_PATH.exec(pathname)?.[1]?.toLowerCase() ?? null;
}

/** Whether an address belongs to the public form, which renders without signing in. */
export const isPublicReportPath = (pathname: string) =>
  pathname === '/report' || pathname.startsWith('/report/');
