import type { ExportSource } from './export-kinds.ts';
import { createExportRowsRepository, type RegionExportRow } from './export-rows.repository.ts';

/**
 * The regions an export covers, in batches: each kind then pages its rows batch by batch on
 * exact paths or ids. A district holds a few thousand regions, so they are read in pages too.
 */
const REGION_PAGE = 2_000;
// Region paths per row query: the grids of a few communities.
export const REGIONS_PER_BATCH = 64;

export async function* regionPages(source: ExportSource): AsyncGenerator<RegionExportRow[]> {
  const repo = createExportRowsRepository(source.db);
  let key: string | null = null;
  for (;;) {
    const page = await repo.regionsUnder(source.filter, key, REGION_PAGE);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < REGION_PAGE) return;
    key = last.path;
  }
}

export async function* regionBatches(source: ExportSource): AsyncGenerator<RegionExportRow[]> {
  for await (const page of regionPages(source)) {
    for (let i = 0; i < page.length; i += REGIONS_PER_BATCH) yield page.slice(i, i + REGIONS_PER_BATCH);
  }
}

/** A personal field for the sheet: in full with an approval, masked otherwise, empty when absent. */
export function personalCell(
  source: ExportSource,
  sealed: Uint8Array | null,
  mask: (value: string) => string,
): string | null {
  if (!sealed) return null;
  const value = source.cipher.decrypt(sealed);
  return source.reveal ? value : mask(value);
}
