import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { PostersPage } from '../public-codes/PostersPage.tsx';
import { postersRegionId } from '../public-codes/public-code-path.ts';
import { RegionsPage } from './RegionsPage.tsx';

/** /regions (the hierarchy) and /regions/<id>/posters (a grid's or community's QR posters). */
export function RegionsRoute({ pathname }: { pathname: string }) {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/regions') return <RegionsPage />;
  const regionId = postersRegionId(path);
  if (regionId) return <PostersPage regionId={regionId} />;
  return <NotFoundPage />;
}
