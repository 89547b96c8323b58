import { z } from 'zod';
import { roleSchema } from '../auth/roles.ts';
import { untrimmedTextSchema } from '../validation/text.ts';

/** The operator's tile server under the grid map (MINQING_MAP_TILE_URL); see shared/map/map-tiles.ts. */
export const mapTilesSchema = z.object({
  /** XYZ template, `{z}`, `{x}` and `{y}` replaced per tile. */
  url: z.string(),
  maxZoom: z.number().int().min(0).max(22),
  /** The credit line the tile server's licence asks for, shown under the map. */
  attribution: z.string().nullable(),
});
export type MapTiles = z.infer<typeof mapTilesSchema>;

/** What the web shell needs to know about the deployment before anyone signs in. */
export const metaSchema = z.object({
  name: z.literal('MinQing'),
  version: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  defaultLocale: z.enum(['zh-CN', 'en']),
  demo: z.boolean(),
  /** Null: the map draws the grids' shapes on a plain ground. */
  mapTiles: mapTilesSchema.nullable(),
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
