import { z } from 'zod';
import { permissionSchema, roleSchema } from '../auth/roles.ts';
import { textSchema, untrimmedTextSchema } from '../validation/text.ts';

export const loginRequestSchema = z
  .object({
    username: textSchema(64),
    password: untrimmedTextSchema(256),
  })
  .strict();

/** What the client must do next to finish signing in. */
export const loginStepSchema = z.enum(['totp', 'enroll', 'change_password', 'done']);
export type LoginStep = z.infer<typeof loginStepSchema>;

export const loginResponseSchema = z.object({ next: loginStepSchema });

export const totpRequestSchema = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
export const recoveryRequestSchema = z.object({ code: textSchema(32, 8) }).strict();

export const enrollmentSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as an SVG QR code, a data: URL (rendered by the server: no third party). */
  qrSvgDataUrl: z.string(),
});

export const enrollConfirmResponseSchema = z.object({
  next: loginStepSchema,
  /** Shown once; each signs in once when the authenticator is lost. */
  recoveryCodes: z.array(z.string()),
});

export const changePasswordSchema = z
  .object({ currentPassword: untrimmedTextSchema(256), newPassword: untrimmedTextSchema(256) })
  .strict();

export const roleGrantSchema = z.object({
  role: roleSchema,
  scopeRegionId: z.uuid().nullable(),
  scopeName: z.string().nullable(),
});

export const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  districtCode: z.string(),
  demo: z.boolean(),
  roles: z.array(roleGrantSchema),
  permissions: z.array(permissionSchema),
});
export type Me = z.infer<typeof meSchema>;
