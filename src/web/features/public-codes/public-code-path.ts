const CODE = /^\/q\/([^/?#]{1,40})\/?$/;
const POSTERS = /^\/regions\/([0-9a-fA-F-]{36})\/posters\/?$/;

/**
 * `/q/<code>`: what a QR poster encodes (contract C1). It renders the public report form without
 * signing in; the form reads the code with `publicCodeFromPath`.
 */
export const isPublicCodePath = (pathname: string) => pathname === '/q' || pathname.startsWith('/q/');

/** The code of a `/q/<code>` address as typed or scanned (the server normalises it), or null. */
export function publicCodeFromPath(pathname: string): string | null {
  const raw = CODE.exec(pathname)?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The poster sheet of a grid or community (`estateId`: of one estate only). */
export const postersPath = (regionId: string, estateId?: string) =>
  `/regions/${regionId}/posters${estateId ? `?${new URLSearchParams({ estate: estateId })}` : ''}`;

/** The region of a poster sheet address, or null. */
export const postersRegionId = (pathname: string) => POSTERS.exec(pathname)?.[1]?.toLowerCase() ?? null;
