import { z } from 'zod';
import { textSchema } from '../validation/text.ts';

export const TAG_SUBJECTS = ['household', 'enterprise'] as const;
export const tagSubjectSchema = z.enum(TAG_SUBJECTS);
export type TagSubject = z.infer<typeof tagSubjectSchema>;

/**
 * A tag's code is what records store (the Chinese term users know, e.g. 低保), so files and
 * records stay readable; the display names may change, the code does not.
 */
export const tagCodeSchema = textSchema(20).regex(
  /^[^,，、;；\s]+$/,
  'A tag code has no separators or spaces.',
);

export const tagDefinitionSchema = z.object({
  subject: tagSubjectSchema,
  code: tagCodeSchema,
  name: textSchema(50),
  nameEn: textSchema(50),
  /** The tag takes a level, e.g. 残疾 (disabled) with level 1–4. */
  hasLevel: z.boolean(),
  /** A household with this tag is a key household (五个要, 一户一策, visited first). */
  marksKey: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000),
});
export type TagDefinition = z.infer<typeof tagDefinitionSchema>;

const household = (
  code: string,
  nameEn: string,
  options: { hasLevel?: boolean; marksKey?: boolean } = {},
): Omit<TagDefinition, 'sortOrder'> => ({
  subject: 'household',
  code,
  name: code,
  nameEn,
  hasLevel: options.hasLevel ?? false,
  marksKey: options.marksKey ?? false,
  active: true,
});
const enterprise = (code: string, nameEn: string): Omit<TagDefinition, 'sortOrder'> => ({
  subject: 'enterprise',
  code,
  name: code,
  nameEn,
  hasLevel: false,
  marksKey: false,
  active: true,
});

/**
 * The lists a district starts with (docs/specs/domain.md: key households; enterprises served by liaisons).
 * A district that has not edited its list uses these; its first edit stores its own copy.
 */
export const DEFAULT_TAGS: readonly TagDefinition[] = [
  household('低保', 'Low-income (dibao)', { marksKey: true }),
  household('优抚', "Veterans' family", { marksKey: true }),
  household('残疾', 'Disabled', { hasLevel: true, marksKey: true }),
  household('独居老人', 'Elderly living alone', { marksKey: true }),
  household('留守', 'Left-behind', { marksKey: true }),
  household('外籍', 'Foreign resident', { marksKey: true }),
  household('新居民', 'New resident', { marksKey: true }),
  enterprise('专精特新', 'Specialised and innovative (SRDI)'),
  enterprise('小升规', 'Small to above-scale'),
  enterprise('新雏鹰', 'Young eagle'),
  enterprise('百强', 'Top 100'),
].map((tag, index) => ({ ...tag, sortOrder: index }));

/** Levels a levelled tag may take (残疾: 一级 … 四级). */
export const tagLevelSchema = z.enum(['1', '2', '3', '4']);

/**
 * Checks a record's tags against its district's list: every tag known and active, a level exactly
 * for tags that take one. Returns the problems (empty when valid) and whether the tags mark a key
 * household. Pure, so import, API and UI agree.
 */
export function checkTags(
  definitions: readonly TagDefinition[],
  subject: TagSubject,
  tags: readonly string[],
  levels: Readonly<Record<string, string>> = {},
): { problems: string[]; isKey: boolean } {
  const known = new Map(definitions.filter((d) => d.subject === subject).map((d) => [d.code, d]));
  const problems: string[] = [];
  for (const tag of tags) {
    const def = known.get(tag);
    if (!def) problems.push(`unknown tag ${tag}`);
    else if (!def.active) problems.push(`tag ${tag} is no longer in use`);
    else if (def.hasLevel && !tagLevelSchema.safeParse(levels[tag]).success)
      problems.push(`tag ${tag} needs a level 1–4`);
  }
  for (const tag of Object.keys(levels)) {
    if (!tags.includes(tag) || !known.get(tag)?.hasLevel) problems.push(`level given for ${tag}`);
  }
  if (new Set(tags).size !== tags.length) problems.push('a tag is listed twice');
  return { problems, isKey: tags.some((t) => known.get(t)?.marksKey === true) };
}

export const tagListQuerySchema = z.object({ subject: tagSubjectSchema }).strict();

export const tagListSchema = z.object({ subject: tagSubjectSchema, items: z.array(tagDefinitionSchema) });
export type TagList = z.infer<typeof tagListSchema>;

export const tagSubjectParamsSchema = z.object({ subject: tagSubjectSchema }).strict();

/**
 * A district's whole list for one subject. A list is never empty (an empty one would mean "use the
 * defaults"), and a code appears once; retiring a tag is done by deactivating it.
 */
export const tagListReplaceSchema = z
  .object({ tags: z.array(tagDefinitionSchema.strict()).min(1).max(100) })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.tags.forEach((tag, index) => {
      if (seen.has(tag.code))
        ctx.addIssue({
          code: 'custom',
          path: ['tags', index, 'code'],
          message: `The code ${tag.code} is listed twice.`,
        });
      seen.add(tag.code);
    });
  });
export type TagListReplace = z.infer<typeof tagListReplaceSchema>;
