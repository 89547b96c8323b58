import { z } from 'zod';
import { roleSchema } from '../auth/roles.ts';

export const grantInputSchema = z.object({ role: roleSchema, scopeRegionId: z.uuid().nullable() }).strict();

export const createUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9._-]{2,63}$/, 'lower-case letters, digits, . _ -; 3 to 64 characters'),
    displayName: z.string().trim().min(1).max(50),
    grants: z.array(grantInputSchema).min(1).max(10),
  })
  .strict();

export const replaceGrantsSchema = z.object({ grants: z.array(grantInputSchema).min(1).max(10) }).strict();

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  totpEnrolled: z.boolean(),
  demo: z.boolean(),
  grants: z.array(
    z.object({ role: roleSchema, scopeRegionId: z.uuid().nullable(), scopeName: z.string().nullable() }),
  ),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ items: z.array(userSchema) });

export const createdUserSchema = z.object({
  user: userSchema,
  /** Shown once; the user must change it at first sign-in. */
  oneTimePassword: z.string(),
});
