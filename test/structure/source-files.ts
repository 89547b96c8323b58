import fs from 'node:fs';
import path from 'node:path';

/** The repository root, so the structural tests read the same files wherever vitest starts. */
export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Source files (not tests) under the given folders, as repository-relative POSIX paths, sorted. */
export function sourceFiles(...folders: string[]): string[] {
  return folders
    .flatMap((folder) => fs.globSync(`${folder}/**/*.{ts,tsx}`, { cwd: ROOT }))
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => !/\.test\.tsx?$/.test(file))
    .sort();
}

export function readSource(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf8');
}

/**
 * The text with comments blanked out (line numbers kept), so a comment that names a query or an
 * import is not taken for one. Quotes and template literals are skipped over, so `//` in a URL or
 * a glob inside a string stays.
 */
export function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
