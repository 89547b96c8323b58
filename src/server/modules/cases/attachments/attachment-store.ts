import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Attachment bytes live in files outside the database (the database keeps the name, type, size,
 * checksum and the key below), under `<district>/<yyyy>/<uuid>`. A file is written to a temporary
 * name, flushed to disk and renamed, so a crash never leaves a half-written file under a real key.
 */
export interface AttachmentStore {
  /** Writes the bytes durably and returns their key (relative to the store's directory). */
  put(districtCode: string, id: string, at: Date, bytes: Buffer): Promise<string>;
  /** The file for reading, or null when it is missing. */
  open(key: string): Promise<{ stream: ReadStream; size: number } | null>;
  /** Removes a file whose database row was never committed. */
  remove(key: string): Promise<void>;
}

const KEY = /^\d{6}\/\d{4}\/[0-9a-f-]{36}$/;

export function createAttachmentStore(dir: string): AttachmentStore {
  const fullPath = (key: string) => {
    // Keys come from our own rows; the check keeps a tampered row from reading outside the store.
    if (!KEY.test(key)) throw new Error(`Not an attachment key: ${key}`);
    return path.join(dir, key);
  };
  return {
    async put(districtCode, id, at, bytes) {
      const year = String(at.getUTCFullYear());
      const key = `${districtCode}/${year}/${id}`;
      const target = fullPath(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.part`;
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      // The rename itself is made durable by flushing the directory (where the platform allows it).
      const folder = await open(path.dirname(target), 'r').catch(() => null);
      if (folder) {
        await folder.sync().catch(() => undefined);
        await folder.close();
      }
      return key;
    },
    async open(key) {
      const file = fullPath(key);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return null;
      return { stream: createReadStream(file), size: info.size };
    },
    async remove(key) {
      await rm(fullPath(key), { force: true });
    },
  };
}
