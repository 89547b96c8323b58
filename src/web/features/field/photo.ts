/** The longest side of a photo as queued: enough to see what is shown, small enough for a phone's queue. */
export const PHOTO_MAX_SIDE = 1600;

/** The size a photo is scaled to (never enlarged). */
export function scaledSize(
  width: number,
  height: number,
  max: number = PHOTO_MAX_SIDE,
): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * A camera photo made ready for the queue: re-encoded as JPEG at most PHOTO_MAX_SIDE wide, which
 * also drops its EXIF block (location, device) before it is stored on the phone. Falls back to
 * the file as it is when the browser cannot decode it (the server strips metadata again anyway).
 */
export async function preparePhoto(file: File): Promise<{ name: string; blob: Blob }> {
  try {
    const bitmap = await createImageBitmap(file);
    const { width, height } = scaledSize(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) throw new Error('encoding failed');
    return { name: `${file.name.replace(/\.[^.]*$/, '')}.jpg`, blob };
  } catch {
    return { name: file.name, blob: file };
  }
}
