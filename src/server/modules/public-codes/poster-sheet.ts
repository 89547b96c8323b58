import type { Poster, PosterSheet } from '../../../shared/domain/public-codes.ts';
import { publicCodePath } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { districtHotline } from './district-hotline.ts';
import { qrDataUrl } from './draw-qr.ts';
import { issuePublicCode } from './issue-public-code.ts';
import { type PlaceNames, placeNames } from './place-names.ts';
import type { PublicCodeContext } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/**
 * The posters of a grid (its own and its estates') or of a whole community (every grid and estate
 * in it), or of one estate. Places without a code get one now: drawing its QR is the first need.
 */
export function posterSheet(
  ctx: PublicCodeContext,
  regionId: string,
  options: { estateId?: string | undefined },
): Promise<PosterSheet> {
  const district = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const place = await regionInScope(
      createRegionRepository(trx),
      scopeFor(ctx.principal, 'regions:write'),
      regionId,
    );
    if (place.level !== 'grid' && place.level !== 'community')
      throw new AppError('VALIDATION_FAILED', 'Posters are drawn for a grid or a community.', {
        issues: [{ path: 'params.id', reason: 'level', message: 'Choose a grid or a community.' }],
      });
    const repo = createPublicCodeRepository(trx);
    const grids = options.estateId ? [] : await repo.gridsUnder(district, place.path);
    const estates = (await repo.estatesUnder(district, place.path)).filter(
      (e) => !options.estateId || e.id === options.estateId,
    );
    if (options.estateId && estates.length === 0) throw new AppError('NOT_FOUND', 'No such estate.');
    const hotline = await districtHotline(trx, district);
    const names = new Map<string, Promise<PlaceNames>>();
    const namesOf = (gridPath: string) => {
      if (!names.has(gridPath)) names.set(gridPath, placeNames(trx, district, gridPath, null));
      return names.get(gridPath) as Promise<PlaceNames>;
    };
    const draw = async (
      kind: Poster['kind'],
      grid: { id: string; path: string },
      estate: { id: string; name: string } | null,
    ): Promise<Poster> => {
      const issued = await issuePublicCode(
        trx,
        ctx.actor,
        ctx.principal.userId,
        { districtCode: district, regionId: grid.id, estateId: estate?.id ?? null },
        ctx.now,
      );
      const url = `${ctx.origin}${publicCodePath(issued.code)}`;
      return {
        kind,
        code: issued.code,
        url,
        qrDataUrl: await qrDataUrl(url),
        regionId: grid.id,
        estateId: estate?.id ?? null,
        names: { ...(await namesOf(grid.path)), estate: estate?.name ?? null },
        hotline,
      };
    };
    const posters: Poster[] = [];
    if (options.estateId) {
      for (const e of estates) posters.push(await draw('estate', { id: e.grid_id, path: e.grid_path }, e));
      return { posters };
    }
    // Each grid's own poster, then its estates', in the grids' order.
    for (const grid of grids) {
      posters.push(await draw('grid', grid, null));
      for (const e of estates.filter((x) => x.grid_id === grid.id))
        posters.push(await draw('estate', grid, e));
    }
    return { posters };
  });
}
