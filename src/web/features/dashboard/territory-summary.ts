import { REGION_LEVELS, type RegionLevel, type RegionNode } from '../../../shared/domain/region.ts';

export interface TerritorySummary {
  /** The top-level regions (usually one district, or one street in a street-only deployment). */
  roots: RegionNode[];
  streets: RegionNode[];
  communities: number;
  grids: number;
  households: number;
  enterprises: number;
}

const rank = (level: RegionLevel) => REGION_LEVELS.indexOf(level);

/**
 * Counts what the dashboard shows from the hierarchy API alone: households and enterprises come
 * summed on the top-level nodes; communities and grids need a walk down to the community level
 * (each community's childCount is its number of grids), one request per node above it.
 */
export async function summarizeTerritory(
  listRegions: (parentId?: string) => Promise<RegionNode[]>,
): Promise<TerritorySummary> {
  const roots = await listRegions();
  const summary: TerritorySummary = {
    roots,
    streets: [],
    communities: 0,
    grids: 0,
    households: roots.reduce((n, r) => n + r.householdCount, 0),
    enterprises: roots.reduce((n, r) => n + r.enterpriseCount, 0),
  };
  let frontier = roots;
  while (frontier.length > 0) {
    const above: RegionNode[] = [];
    for (const node of frontier) {
      if (node.level === 'street') summary.streets.push(node);
      if (node.level === 'community') {
        summary.communities += 1;
        summary.grids += node.childCount;
      } else if (node.level === 'grid') {
        summary.grids += 1;
      } else if (rank(node.level) < rank('community') && node.childCount > 0) {
        above.push(node);
      }
    }
    frontier = (await Promise.all(above.map((node) => listRegions(node.id)))).flat();
  }
  return summary;
}
