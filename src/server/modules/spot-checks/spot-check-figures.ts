import type { Kysely } from 'kysely';
import { reaches } from '../../../shared/auth/reach.ts';
import type { SpotCheckFigure } from '../../../shared/domain/spot-check.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../auth/scope.ts';
import { createSpotCheckRepository } from './spot-checks.repository.ts';

export interface FigureUnit {
  id: string;
  name: string;
  path: string;
}

/**
 * Spot-check results per unit: of the sampled visits in scope that started in the period (CST
 * days) and lie below each unit, how many were confirmed, not confirmed, unreachable. Coverage
 * figures call this with their own units so the results count in the unit's figures.
 */
export async function spotCheckFiguresFor(
  db: Kysely<DB>,
  scope: Scope,
  parentPath: string,
  units: readonly FigureUnit[],
  period: { from: string; to: string },
): Promise<SpotCheckFigure[]> {
  const rows = await createSpotCheckRepository(db).resultsByPath(scope, parentPath, period.from, period.to);
  return units.map((u) => {
    const figure = { sampled: 0, confirmed: 0, notConfirmed: 0, unreachable: 0 };
    for (const r of rows) {
      if (!reaches(u.path, r.region_path)) continue;
      const n = Number(r.n);
      figure.sampled += n;
      if (r.result === 'confirmed') figure.confirmed += n;
      else if (r.result === 'not_confirmed') figure.notConfirmed += n;
      else if (r.result === 'unreachable') figure.unreachable += n;
    }
    const verified = figure.confirmed + figure.notConfirmed + figure.unreachable;
    return {
      regionId: u.id,
      regionName: u.name,
      ...figure,
      confirmedRate: verified === 0 ? null : figure.confirmed / verified,
    };
  });
}
