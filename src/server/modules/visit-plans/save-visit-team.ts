import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import type { PlanWriteContext } from './plan-context.ts';
import { createVisitPlanRepository } from './visit-plans.repository.ts';

type TeamRole = 'leader' | 'cadre' | 'worker' | 'police' | 'volunteer';

/**
 * 一网格一分队: creates or replaces the grid's one visiting team. A team without a sent-down cadre
 * is saved (grids fill up over time) but answered and counted as needing one.
 */
export function saveVisitTeam(
  ctx: PlanWriteContext,
  gridId: string,
  input: { name: string; members: { userId: string; role: TeamRole }[] },
): Promise<{ id: string; created: boolean; needsCadre: boolean }> {
  const scope = scopeFor(ctx.principal, 'visits:plan');
  const district = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const regions = createRegionRepository(trx);
    const grid = await regions.findInScope(scope, gridId);
    if (grid?.level !== 'grid') throw new AppError('NOT_FOUND', 'No such grid.');
    // Two saves of the same grid's first team queue here instead of colliding on its unique key.
    await regions.lockNode(district, grid.id);
    const plans = createVisitPlanRepository(trx);
    const active = new Set(
      await plans.activeUsers(
        district,
        input.members.map((m) => m.userId),
      ),
    );
    const missing = input.members.findIndex((m) => !active.has(m.userId));
    if (missing >= 0)
      throw new AppError('VALIDATION_FAILED', 'A member is not an active user.', {
        issues: [
          {
            path: `body.members.${missing}.userId`,
            reason: 'inactive',
            message: 'unknown or deactivated user',
          },
        ],
      });
    const existing = await plans.teamOfGrid(district, grid.id);
    const id = existing?.id ?? uuidv7();
    if (!existing)
      await plans.insertTeam({
        districtCode: district,
        id,
        gridId: grid.id,
        gridPath: grid.path,
        name: input.name,
      });
    await plans.replaceTeam(district, id, input.name, input.members);
    const needsCadre = !input.members.some((m) => m.role === 'cadre');
    await audit(trx, ctx.actor, {
      action: existing ? 'visit.team_updated' : 'visit.team_created',
      result: 'success',
      objectType: 'visit_team',
      objectId: id,
      detail: { grid: grid.id, name: input.name, members: input.members, needsCadre },
    });
    return { id, created: !existing, needsCadre };
  });
}
