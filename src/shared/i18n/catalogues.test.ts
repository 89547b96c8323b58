import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/codes.ts';
import { LOCALES, normalizeLocale, pickLocale } from './locales.ts';
import { messageKeys } from './messages.ts';
import { resources } from './resources.ts';

function lookup(tree: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
}

describe('message catalogues', () => {
  it('have exactly the same keys in every locale', () => {
    const reference = messageKeys(resources['zh-CN'].translation).sort();
    expect(reference.length).toBeGreaterThan(20);
    for (const locale of LOCALES) {
      expect(messageKeys(resources[locale].translation).sort(), locale).toEqual(reference);
    }
  });

  it('translate every error code message key in every locale', () => {
    for (const locale of LOCALES) {
      for (const [code, entry] of Object.entries(ERROR_CODES)) {
        const text = lookup(resources[locale].translation, entry.messageKey);
        expect(typeof text, `${locale} ${code} ${entry.messageKey}`).toBe('string');
        expect((text as string).length).toBeGreaterThan(0);
      }
    }
  });

  it('have no empty strings, and keep interpolation variables alike across locales', () => {
    const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();
    for (const key of messageKeys(resources['zh-CN'].translation)) {
      const zh = lookup(resources['zh-CN'].translation, key) as string;
      const en = lookup(resources.en.translation, key) as string;
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(variables(en), key).toEqual(variables(zh));
    }
  });
});

describe('formatting through i18next', () => {
  it("formats counts with the locale's digit grouping", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'zh-CN', interpolation: { escapeValue: false } });
    expect(i18n.t('regions.counts', { households: 70000, enterprises: 1500 })).toBe(
      '住户 70,000 · 企业 1,500',
    );
    await i18n.changeLanguage('en');
    expect(i18n.t('regions.counts', { households: 1, enterprises: 2 })).toBe('1 households · 2 enterprises');
  });
});

describe('pickLocale', () => {
  it('defaults to zh-CN', () => {
    expect(pickLocale('', null)).toBe('zh-CN');
  });

  it('prefers ?lang= over the remembered choice', () => {
    expect(pickLocale('?lang=en', 'zh-CN')).toBe('en');
    expect(pickLocale('?lang=zh', 'en')).toBe('zh-CN');
  });

  it('uses the remembered choice, ignoring unknown values', () => {
    expect(pickLocale('', 'en')).toBe('en');
    expect(pickLocale('?lang=fr', 'en')).toBe('en');
    expect(pickLocale('?lang=fr', 'xx')).toBe('zh-CN');
  });

  it('normalizes loose language tags', () => {
    expect(normalizeLocale('en-US')).toBe('en');
    expect(normalizeLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(normalizeLocale('de')).toBeNull();
  });
});
