import { z } from 'zod';
import { roleSchema } from '../auth/roles.ts';
import { untrimmedTextSchema } from '../validation/text.ts';

/** What the web shell needs to know about the deployment before anyone signs in. */
export const metaSchema = z.object({
  name: z.literal('MinQing'),
  version: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  defaultLocale: z.enum(['zh-CN', 'en']),
  demo: z.boolean(),
  district: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** Only for generated demo data: the demo accounts and their shared password. */
  demoLogin: z
    .object({
      password: z.string(),
      accounts: z.array(z.object({ username: z.string(), role: roleSchema, scopeName: z.string() })),
    })
    .nullable(),
});
export type Meta = z.infer<typeof metaSchema>;

/** A crash report from the browser's error boundary (no personal data: message and stack only). */
export const clientErrorSchema = z
  .object({
    message: untrimmedTextSchema(2000),
    stack: untrimmedTextSchema(8000, 0).optional(),
    componentStack: untrimmedTextSchema(8000, 0).optional(),
    url: untrimmedTextSchema(2000, 0),
    userAgent: untrimmedTextSchema(500, 0).optional(),
  })
  .strict();
export type ClientError = z.infer<typeof clientErrorSchema>;
