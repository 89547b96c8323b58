import { describe, expect, it } from 'vitest';
import { GLOSSARY, wordingProblems } from './glossary.ts';
import { LOCALES } from './locales.ts';
import { messageKeys } from './messages.ts';
import { resources } from './resources.ts';

function messages(locale: (typeof LOCALES)[number]): [string, string][] {
  const tree = resources[locale].translation;
  return messageKeys(tree).map((key) => [
    key,
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string,
  ]);
}

describe('the glossary', () => {
  it('finds forbidden variants and repeated words', () => {
    expect(wordingProblems('zh-CN', '即接即办')).toHaveLength(1);
    expect(wordingProblems('zh-CN', '状态：已重办')).toHaveLength(1);
    expect(wordingProblems('zh-CN', '地址（选填）（可选）').length).toBeGreaterThan(0);
    expect(wordingProblems('zh-CN', '签到：签到距离 132 米')).toHaveLength(1);
    expect(wordingProblems('en', 'A reopened case')).toHaveLength(1);
    expect(wordingProblems('en', 'Random seed')).toHaveLength(1);
    // Whole words only in Latin scripts: "seeded" or "proceeds" are not "seed".
    expect(wordingProblems('en', 'Proceeds as planned')).toEqual([]);
    expect(wordingProblems('zh-CN', '即知即办')).toEqual([]);
  });

  it('is kept by every message of every catalogue, in both languages', () => {
    for (const locale of LOCALES) {
      const found = messages(locale).flatMap(([key, text]) =>
        wordingProblems(locale, text).map((problem) => `${locale} ${key}: ${problem}`),
      );
      expect(found).toEqual([]);
    }
  });

  it('names terms the catalogues really use', () => {
    for (const locale of LOCALES) {
      const all = messages(locale)
        .map(([, text]) => text.toLowerCase())
        .join('\n');
      for (const entry of GLOSSARY)
        expect(all, `${locale} ${entry.concept}`).toContain(entry.words[locale].term.toLowerCase());
    }
  });
});
