import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles, withoutComments } from './source-files.ts';

/**
 * Beijing days and their boundaries are computed in one place, src/shared/time/china-time.ts
 * (issue 11 §3). This test finds the usual ways of writing that arithmetic again anywhere else
 * in src (server, web app, shared code, CLI).
 */
const HOME = 'src/shared/time/china-time.ts';

const CHINA_TIME_PATTERNS: readonly RegExp[] = [
  /\+08:?00\b/, // '2026-01-01T00:00:00+08:00'
  /\b8\s*\*\s*3_?600_?000\b/, // 8 * 3_600_000
  /\b8\s*\*\s*3_?600\s*\*\s*1_?000\b/, // 8 * 3600 * 1000
  /\b28_?800_?000\b/,
  /Asia\/Shanghai/,
];

function offendingLines(file: string, text: string): string[] {
  return withoutComments(text)
    .split('\n')
    .flatMap((line, i) => (CHINA_TIME_PATTERNS.some((p) => p.test(line)) ? [`${file}:${i + 1}`] : []));
}

describe('China time in one module', () => {
  it('recognises the copies it looks for, and not comments or plain 8-hour durations', () => {
    const sample = [
      "const a = new Date('2026-01-01T00:00:00+08:00');",
      'const b = new Date(at.getTime() + 8 * 3_600_000);',
      "new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });",
      'const c = ms + 28_800_000;',
      '// Beijing is at +08:00',
      'export const DUE_SOON_MS = 8 * 60 * 60 * 1000;',
    ].join('\n');
    expect(offendingLines('x.ts', sample)).toEqual(['x.ts:1', 'x.ts:2', 'x.ts:3', 'x.ts:4']);
  });

  it('finds no China-time arithmetic outside src/shared/time/china-time.ts', () => {
    const files = sourceFiles('src').filter((file) => file !== HOME);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => offendingLines(file, readSource(file)));
    expect(found, `use ${HOME} instead`).toEqual([]);
  });
});
