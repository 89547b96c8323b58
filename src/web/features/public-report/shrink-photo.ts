import { PUBLIC_PHOTO_MAX_BYTES } from '../../../shared/domain/public-entry.ts';

/** The longest side of a photo as sent: enough to see a broken lamp, small enough for a slow network. */
const MAX_SIDE = 1600;
const QUALITY = 0.82;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('not an image'));
    image.src = url;
  });
}

/**
 * A phone photo made small enough to send: drawn onto a canvas at most MAX_SIDE wide or high and
 * encoded as JPEG (which also leaves the camera's metadata behind; the server strips it anyway).
 * Only what WeChat's and older Android webviews have: Image, canvas.toBlob, object URLs. When the
 * browser cannot redraw it, a file that is already small enough goes as it is.
 */
export async function shrinkPhoto(file: File): Promise<Blob> {
  const url = URL.createObjectURL(file);
  try {
    const image = await loadImage(url);
    const scale = Math.min(1, MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    if (blob && blob.size <= PUBLIC_PHOTO_MAX_BYTES) return blob;
  } catch {
    // Fall through to the original file.
  } finally {
    URL.revokeObjectURL(url);
  }
  if (file.size <= PUBLIC_PHOTO_MAX_BYTES) return file;
  throw new Error('too large');
}

/** A blob's bytes as base64, for the report's JSON body. */
export function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(blob);
  });
}
