import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { ScoreListPage } from './ScoreListPage.tsx';
import { ScoreListsPage } from './ScoreListsPage.tsx';
import { scoreListPageOf } from './score-lists-api.ts';

/** /score-lists (the history), /score-lists/:id (one list) and /score-lists/:id/print (its print view). */
export function ScoreListsRoute({ pathname }: { pathname: string }) {
  const page = scoreListPageOf(pathname);
  if (!page) return <NotFoundPage />;
  if (page.page === 'list') return <ScoreListsPage />;
  return <ScoreListPage key={`${page.page}-${page.id}`} id={page.id} print={page.page === 'print'} />;
}
