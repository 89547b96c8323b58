import { type Meta, metaSchema } from '../../../src/shared/domain/meta.ts';
import { type RegionNode, regionListSchema } from '../../../src/shared/domain/region.ts';

/** What the server says, read directly, so tests compare the page with the data and not with guesses. */
export async function fetchMeta(origin: string): Promise<Meta> {
  const response = await fetch(`${origin}/api/v1/meta`);
  return metaSchema.parse(await response.json());
}

export async function fetchRegions(origin: string, parentId?: string): Promise<RegionNode[]> {
  const query = parentId ? `?parentId=${encodeURIComponent(parentId)}` : '';
  const response = await fetch(`${origin}/api/v1/regions${query}`);
  return regionListSchema.parse(await response.json()).items;
}
