import { z } from 'zod';
import { ERROR_CODES } from './codes.ts';

const codes = Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]];

/** RFC 9457 problem details as MinQing returns them; shared so the web client can parse them. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.enum(codes),
  detail: z.string().optional(),
  messageKey: z.string(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), reason: z.string(), message: z.string() })).optional(),
});

export type Problem = z.infer<typeof problemSchema>;
