import { describe, expect, it } from 'vitest';
import { isCleanText, stripUnsafeNameCharacters, textSchema, untrimmedTextSchema } from './text.ts';

describe('the one text rule', () => {
  it('refuses NUL, other C0 controls, DEL and unpaired surrogates, keeps tab and line breaks', () => {
    for (const bad of ['a\u0000b', '\u0001', 'x\u001by', '\u007f', '\ud800', 'x\udfffy', '\udc00\ud800'])
      expect(isCleanText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['第一行\n第二行\r\n', 'a\tb', '👩‍👩‍👧‍👦', '𠀀', 'é', '\u202e'])
      expect(isCleanText(good), JSON.stringify(good)).toBe(true);
  });

  it('trims, checks the length, and names the field on refusal', () => {
    const schema = textSchema(5);
    expect(schema.parse('  abc  ')).toBe('abc');
    expect(schema.safeParse('   ').success).toBe(false);
    expect(schema.safeParse('abcdef').success).toBe(false);
    const refused = schema.safeParse('a\u0000');
    expect(refused.success).toBe(false);
    expect(textSchema(5, 0).parse('')).toBe('');
  });

  it('keeps passwords as typed but still refuses control characters', () => {
    expect(untrimmedTextSchema(10).parse(' pw ')).toBe(' pw ');
    expect(untrimmedTextSchema(10).safeParse('pw\u0000').success).toBe(false);
  });

  it('strips bidi and control characters from names shown to others, and mends lone surrogates', () => {
    expect(stripUnsafeNameCharacters('photo\u202egpj.html')).toBe('photogpj.html');
    expect(stripUnsafeNameCharacters('a\u2066b\u2069c\u200fd\u0000e\u0085f')).toBe('abcdef');
    expect(stripUnsafeNameCharacters('x\ud800y').isWellFormed()).toBe(true);
    expect(stripUnsafeNameCharacters('现场照片👍.jpg')).toBe('现场照片👍.jpg');
  });
});
