import { z } from 'zod';
import { featureCollectionSchema, GEOMETRY_PROBLEMS } from '../map/geojson.ts';
import { MAP_FIGURES } from '../map/map-figures.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { periodKindSchema } from '../visits/rules.ts';
import { periodSchema } from './coverage.ts';

/** The grid map's API (issue 12 §7): grid shapes with figure values and hot spots, and the import. */
export const gridMapQuerySchema = z
  .object({
    regionId: z.uuid(),
    period: periodKindSchema.default('month'),
    /** A Beijing day inside the period; today when absent. */
    at: calendarDaySchema.optional(),
  })
  .strict();
export type GridMapQuery = z.infer<typeof gridMapQuerySchema>;

const position = z.tuple([z.number(), z.number()]);
export const gridGeometrySchema = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.array(z.unknown())),
});

export const mapFigureSchema = z.enum(MAP_FIGURES);

export const gridOnMapSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** The community the grid belongs to (null when the grid hangs elsewhere). */
  communityName: z.string().nullable(),
  /** Null: the grid has no boundary yet (it is listed, not drawn). */
  boundary: gridGeometrySchema.nullable(),
  center: position.nullable(),
  values: z.record(mapFigureSchema, z.number().nullable()),
});

export const hotSpotSchema = z.object({
  gridId: z.uuid().nullable(),
  /** Where the open cases stand: their own coordinates (to about 100 m), or their grid's centroid. */
  position,
  count: z.number().int(),
});

export const gridMapSchema = z.object({
  region: z.object({ id: z.uuid(), name: z.string(), level: z.string() }),
  period: periodSchema,
  grids: z.array(gridOnMapSchema),
  hotSpots: z.array(hotSpotSchema),
});
export type GridMap = z.infer<typeof gridMapSchema>;
export type GridOnMap = z.infer<typeof gridOnMapSchema>;

export const boundaryImportSchema = z
  .object({
    /** The region whose grids the features are matched to (its whole subtree). */
    regionId: z.uuid(),
    matchBy: z.enum(['code', 'name']).default('code'),
    /** The feature property naming the grid; by default "code" or "name" as `matchBy` says. */
    property: z.string().trim().min(1).max(64).optional(),
    /** Only answer the report; write nothing. */
    dryRun: z.boolean().default(false),
    collection: featureCollectionSchema,
  })
  .strict();
export type BoundaryImport = z.infer<typeof boundaryImportSchema>;

const featureRef = { featureIndex: z.number().int(), key: z.string().nullable() };
export const boundaryImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** Boundaries written (0 on a dry run). */
  written: z.number().int(),
  features: z.number().int(),
  matched: z.array(z.object({ ...featureRef, key: z.string(), gridId: z.uuid(), gridName: z.string() })),
  unmatched: z.array(z.object({ ...featureRef, reason: z.enum(['no_key', 'no_grid', 'ambiguous']) })),
  invalid: z.array(z.object({ ...featureRef, problem: z.enum(GEOMETRY_PROBLEMS) })),
  duplicates: z.array(z.object({ ...featureRef, key: z.string(), gridId: z.uuid() })),
  gridsWithoutBoundary: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
});
export type BoundaryImportReport = z.infer<typeof boundaryImportReportSchema>;
