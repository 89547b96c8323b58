/**
 * Hands a downloaded file to the browser as a download with the server's suggested name. The
 * object URL lives just long enough for the download to start.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The media type the upload needs, from the file's name: browsers label .csv inconsistently. */
export function uploadType(fileName: string, browserType: string): string {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (lower.endsWith('.csv')) return 'text/csv';
  return browserType || 'application/octet-stream';
}
