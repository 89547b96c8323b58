import { z } from 'zod';
import { type Role, roleSchema } from '../auth/roles.ts';
import { textSchema } from '../validation/text.ts';

/**
 * Roles whose grants are scoped to a department (职能部门) instead of a node of the hierarchy. A
 * grant has exactly one kind of scope: these roles need a department; every other role takes a
 * region (null = the whole district) and no department.
 */
export const DEPARTMENT_ROLES: readonly Role[] = ['dept_handler'];

export const isDepartmentRole = (role: Role) => DEPARTMENT_ROLES.includes(role);

/** Why a grant's scope does not suit its role, or null when it does. */
export function grantScopeProblem(grant: {
  role: Role;
  scopeRegionId: string | null;
  scopeDepartmentId: string | null;
}): 'department_required' | 'department_not_allowed' | 'region_not_allowed' | null {
  if (isDepartmentRole(grant.role)) {
    if (grant.scopeRegionId !== null) return 'region_not_allowed';
    return grant.scopeDepartmentId === null ? 'department_required' : null;
  }
  return grant.scopeDepartmentId === null ? null : 'department_not_allowed';
}

export const grantInputSchema = z
  .object({
    role: roleSchema,
    scopeRegionId: z.uuid().nullable().default(null),
    scopeDepartmentId: z.uuid().nullable().default(null),
  })
  .strict()
  .superRefine((grant, ctx) => {
    const problem = grantScopeProblem(grant);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        path: [problem === 'region_not_allowed' ? 'scopeRegionId' : 'scopeDepartmentId'],
        message: problem,
      });
  });
export type GrantInput = z.infer<typeof grantInputSchema>;

const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,63}$/, 'lower-case letters, digits, . _ -; 3 to 64 characters');

export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName: textSchema(50),
    grants: z.array(grantInputSchema).min(1).max(10),
  })
  .strict();

export const replaceGrantsSchema = z.object({ grants: z.array(grantInputSchema).min(1).max(10) }).strict();

/** The account list's filters: a name fragment, a role held, active or not. */
export const userListQuerySchema = z
  .object({
    q: textSchema(64, 0).optional(),
    role: roleSchema.optional(),
    active: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const userGrantSchema = z.object({
  role: roleSchema,
  scopeRegionId: z.uuid().nullable(),
  scopeDepartmentId: z.uuid().nullable(),
  /** The region's or the department's name; null for the whole district. */
  scopeName: z.string().nullable(),
});
export type UserGrant = z.infer<typeof userGrantSchema>;

/** What the caller may do to an account; the accounts page shows only these. */
export const USER_ACTIONS = ['edit-grants', 'reset-password', 'reset-totp', 'deactivate'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/**
 * A security administrator may change any active account but their own (another one must: no
 * self-granted rights, no self-reset); a deactivated account takes no changes.
 */
export function userActions(
  user: { id: string; active: boolean },
  viewer: { userId: string; canWrite: boolean } | undefined,
): UserAction[] {
  if (!viewer?.canWrite || viewer.userId === user.id || !user.active) return [];
  return [...USER_ACTIONS];
}

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  totpEnrolled: z.boolean(),
  demo: z.boolean(),
  grants: z.array(userGrantSchema),
  actions: z.array(z.enum(USER_ACTIONS)),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ items: z.array(userSchema) });

export const createdUserSchema = z.object({
  user: userSchema,
  /** Shown once; the user must change it at first sign-in. */
  oneTimePassword: z.string(),
});
export type CreatedUser = z.infer<typeof createdUserSchema>;
