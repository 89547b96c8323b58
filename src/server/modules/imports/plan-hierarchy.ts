import type { RegionLevel } from '../../../shared/domain/region.ts';
import type { ChangeCounts } from './import-run.ts';
import type { ImportIssue, Reason } from './reasons.ts';
import { reasons } from './reasons.ts';
import type { ExistingRegion, RegionInsert, RegionUpdate } from './region-import.repository.ts';
import { effectiveParent, PARENT_LEVEL, type RegionFields } from './validate-region.ts';

/**
 * What one batch of hierarchy rows changes, given the nodes that exist with the rows' codes and
 * their parents' codes. Rows come parents first, so a parent created by an earlier row of the
 * batch is known to its children. Paths are built as the seeder builds them (the parent's path,
 * a dot, the code). An existing node keeps its level and its parent: the import renames and
 * reorders, it never moves (the move in region management also moves what lies below).
 */
export interface RegionPlan {
  inserts: RegionInsert[];
  updates: RegionUpdate[];
  counts: ChangeCounts;
  issues: ImportIssue[];
  /** Codes of the rows refused here, so that their children in later batches say why. */
  rejectedCodes: string[];
}

interface Node {
  id: string;
  level: RegionLevel;
  path: string;
}

export function planRegions(
  rows: readonly RegionFields[],
  existing: readonly ExistingRegion[],
  districtCode: string,
  rejectedBefore: ReadonlySet<string>,
  newId: () => string,
): RegionPlan {
  const plan: RegionPlan = {
    inserts: [],
    updates: [],
    counts: { inserted: 0, updated: 0, unchanged: 0 },
    issues: [],
    rejectedCodes: [],
  };
  const byCode = new Map(existing.map((e) => [e.code, e]));
  const nodes = new Map<string, Node>(existing.map((e) => [e.code, e]));
  const rejected = new Set<string>();

  for (const row of rows) {
    const refuse = (column: string, reason: Reason) => {
      plan.issues.push({ row: row.row, key: row.code, column, ...reason });
      plan.rejectedCodes.push(row.code);
      rejected.add(row.code);
    };
    const before = byCode.get(row.code);
    if (before && before.level !== row.level) {
      refuse('code', reasons.codeLevelConflict(before.level));
      continue;
    }
    const parentCode = effectiveParent(row, districtCode);
    let parent: Node | undefined;
    if (parentCode !== null) {
      parent = nodes.get(parentCode);
      if (!parent) {
        const parentRefused = rejected.has(parentCode) || rejectedBefore.has(parentCode);
        refuse(
          'parent_code',
          parentRefused ? reasons.parentRejected(parentCode) : reasons.parentUnknown(parentCode),
        );
        continue;
      }
      const expected = PARENT_LEVEL[row.level as Exclude<RegionLevel, 'district'>];
      if (parent.level !== expected) {
        refuse('parent_code', reasons.parentLevel(parent.level, expected));
        continue;
      }
    }

    if (before) {
      if ((before.parent_code ?? null) !== parentCode) {
        refuse('parent_code', reasons.parentMoved(before.parent_code ?? '—'));
        continue;
      }
      const next: RegionUpdate = {
        id: before.id,
        name: row.name,
        kind: row.kind ?? before.kind,
        sort_order: row.sortOrder ?? before.sort_order,
      };
      if (next.name !== before.name || next.kind !== before.kind || next.sort_order !== before.sort_order) {
        plan.updates.push(next);
        plan.counts.updated++;
      } else plan.counts.unchanged++;
      continue;
    }

    const node: RegionInsert = {
      id: newId(),
      parent_id: parent?.id ?? null,
      level: row.level,
      code: row.code,
      name: row.name,
      kind: row.kind ?? row.defaultKind,
      path: parent ? `${parent.path}.${row.code}` : row.code,
      sort_order: row.sortOrder ?? 0,
    };
    plan.inserts.push(node);
    plan.counts.inserted++;
    nodes.set(row.code, node);
  }
  return plan;
}
