import { type RegionNode, regionActions } from '../../../shared/domain/region.ts';
import { pathInScope, type Scope } from '../auth/scope.ts';
import type { RegionRow } from './regions.repository.ts';

/** A repository row as the API shows it: with what the caller's regions:write scope lets them do. */
export function toRegionNode(row: RegionRow, writeScope: Scope): RegionNode {
  const { referenced, ...node } = row;
  return { ...node, actions: regionActions(row, pathInScope(row.path, writeScope), referenced) };
}
