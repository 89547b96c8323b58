/**
 * A Content-Disposition for a download (RFC 6266): an ASCII `filename` for old clients and the
 * real, usually Chinese, name as `filename*` in UTF-8. Header values must be Latin-1, so the
 * UTF-8 name is percent-encoded, including the characters RFC 8187 does not allow bare.
 */
export function attachment(name: { ascii: string; utf8: string }): string {
  const ascii = name.ascii.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name.utf8).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
