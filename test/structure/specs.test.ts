import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATES, CLOCKS } from '../../src/shared/cases/workflow.ts';
import { ERROR_CODES } from '../../src/shared/errors/codes.ts';
import { ROOT } from './source-files.ts';

/**
 * The specs live in the repository (docs/specs/) and the code cites them: these checks keep the
 * citations pointing at something and the workflow page naming what workflow.ts has. Landed
 * migrations are left out: they are never edited, so their comments keep the old wording.
 */
const SPECS = path.join(ROOT, 'docs/specs');
const spec = (name: string) => fs.readFileSync(path.join(SPECS, name), 'utf8');

const citingFiles = ['src', 'test', 'bench']
  .flatMap((folder) => fs.globSync(`${folder}/**/*.{ts,tsx}`, { cwd: ROOT }))
  .map((file) => file.split(path.sep).join('/'))
  .filter((file) => !file.startsWith('src/server/db/migrations/') && file !== 'test/structure/specs.test.ts')
  .sort();
const text = new Map(citingFiles.map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]));

describe('citations of the specs', () => {
  it('name docs/specs files that exist, never the old shared docs or a bare file name', () => {
    const broken: string[] = [];
    for (const [file, source] of text) {
      for (const m of source.matchAll(/docs\/specs\/([\w-]+\.md)/g)) {
        if (!fs.existsSync(path.join(SPECS, m[1] as string))) broken.push(`${file}: ${m[0]}`);
      }
      for (const m of source.matchAll(
        /(?:shared\/docs|(?<![\w/-])(?:workflow|trust|performance|domain)\.md)/g,
      )) {
        broken.push(`${file}: ${m[0]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('cite only rules trust.md has', () => {
    const rules = new Set([...spec('trust.md').matchAll(/^(?:\*\*|## )§(\d+) /gm)].map((m) => Number(m[1])));
    expect(rules.size).toBeGreaterThan(20);
    const unknown: string[] = [];
    for (const [file, source] of text) {
      for (const m of source.matchAll(/trust\.md((?:[\s,;:–-]*(?:and\s+)?§\d+)+)/g)) {
        for (const n of (m[1] as string).matchAll(/§(\d+)/g)) {
          if (!rules.has(Number(n[1]))) unknown.push(`${file}: §${n[1]}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});

describe('docs/specs/workflow.md', () => {
  const page = spec('workflow.md');

  it('has a row for every state, action and clock of workflow.ts', () => {
    const row = (name: string) => page.includes(`| \`${name}\``);
    expect(CASE_STATES.filter((s) => !row(s))).toEqual([]);
    expect(CASE_ACTIONS.filter((a) => !row(a))).toEqual([]);
    expect(CLOCKS.filter((c) => !row(c))).toEqual([]);
  });

  it('names only error codes that exist, with their status', () => {
    const codes = [...page.matchAll(/\b(\d{3}) `([A-Z][A-Z_]+)`/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(codes.length).toBeGreaterThan(0);
    const known = new Set(Object.entries(ERROR_CODES).map(([code, e]) => `${e.status} ${code}`));
    expect(codes.filter((c) => !known.has(c))).toEqual([]);
  });
});

describe('docs/specs/performance.md', () => {
  it('reports every metric of the latest benchmark results', () => {
    const latest = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench/results/latest.json'), 'utf8')) as {
      metrics: { name: string }[];
    };
    const page = spec('performance.md');
    const names = [...new Set(latest.metrics.map((m) => m.name))];
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !page.includes(`\`${n}\``))).toEqual([]);
  });
});
