import type { Locale } from './locales.ts';

/** One concept's words in one language: the term the product uses, and the variants it must not. */
export interface GlossaryWording {
  term: string;
  forbidden: readonly string[];
}

export interface GlossaryEntry {
  concept: string;
  /** Why this term (the practice's word, a user's misreading). */
  note: string;
  words: Record<Locale, GlossaryWording>;
}

/**
 * One term per concept, in the words a street office uses (docs/specs/domain.md and
 * docs/specs/workflow.md give the practice's terms). Every message in every catalogue is checked against
 * the forbidden variants (glossary.test.ts); add an entry when a second word for a concept creeps in.
 */
export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    concept: 'case',
    note: 'A matter raised by a resident: 事项 throughout, never the court or police words.',
    words: {
      'zh-CN': { term: '事项', forbidden: ['案件', '工单'] },
      en: { term: 'case', forbidden: ['ticket', 'work order'] },
    },
  },
  {
    concept: 'resolve_on_spot',
    note: 'Solved there and then: the practice says 即知即办 (docs/specs/domain.md, docs/specs/workflow.md).',
    words: {
      'zh-CN': { term: '即知即办', forbidden: ['即接即办'] },
      en: { term: 'on the spot', forbidden: ['solved at once', 'resolved immediately'] },
    },
  },
  {
    concept: 'rehandle',
    note: 'A case the resident was not satisfied with, waiting to be handled again: 已重办 read as "already re-handled".',
    words: {
      'zh-CN': { term: '重办', forbidden: ['已重办', '复办'] },
      en: { term: 're-handle', forbidden: ['reopened', 'reopen'] },
    },
  },
  {
    concept: 'optional',
    note: 'antd marks optional fields with （可选）; a label never carries a second marker.',
    words: {
      'zh-CN': { term: '可选', forbidden: ['选填', '非必填'] },
      en: { term: 'optional', forbidden: ['not required'] },
    },
  },
  {
    concept: 'spot_check_seed',
    note: 'What repeats a spot check draw: a number an official can note down, not a "random seed".',
    words: {
      'zh-CN': { term: '抽样号', forbidden: ['随机种子', '种子'] },
      en: { term: 'sample number', forbidden: ['seed'] },
    },
  },
  {
    concept: 'authenticator',
    note: 'The app that gives the second sign-in step its code.',
    words: {
      'zh-CN': { term: '身份验证器', forbidden: ['动态口令', '认证器', '二次验证', 'TOTP'] },
      en: { term: 'authenticator', forbidden: ['TOTP', 'two-factor', '2FA'] },
    },
  },
  {
    concept: 'cadre',
    note: 'The `cadre` role is a cadre sent down to the grids (docs/specs/domain.md); 包联 names an assignment anyone may hold.',
    words: {
      'zh-CN': { term: '下沉干部', forbidden: ['包联干部'] },
      en: { term: 'cadre sent down', forbidden: ['liaison cadre', 'sent-down cadre'] },
    },
  },
];

/** Words said twice in one line: doubled optional markers, a label's word repeated as its value. */
export const REPEATS: Record<Locale, readonly RegExp[]> = {
  'zh-CN': [/（(可选|选填)）\s*（(可选|选填)）/, /签到[：:]\s*签到/],
  en: [/\(optional\)\s*\(optional\)/i, /check-in:\s*checked in/i],
};

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Latin words match whole words, case-insensitively; Chinese ones anywhere. */
function variantPattern(variant: string): RegExp {
  return /^[\x20-\x7e]+$/.test(variant)
    ? new RegExp(`(^|[^A-Za-z])${literal(variant)}($|[^A-Za-z])`, 'i')
    : new RegExp(literal(variant));
}

/** What is wrong with one message's wording in a locale (empty when it keeps the glossary). */
export function wordingProblems(locale: Locale, message: string): string[] {
  // `{{seed}}` is a variable's name, not a word the reader sees.
  const text = message.replace(/\{\{[^}]*\}\}/g, '{}');
  const problems: string[] = [];
  for (const entry of GLOSSARY) {
    const { term, forbidden } = entry.words[locale];
    for (const variant of forbidden)
      if (variantPattern(variant).test(text))
        problems.push(`"${variant}" for ${entry.concept}: say "${term}"`);
  }
  for (const pattern of REPEATS[locale]) if (pattern.test(text)) problems.push(`repeated words: ${pattern}`);
  return problems;
}
