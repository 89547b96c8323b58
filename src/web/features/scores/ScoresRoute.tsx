import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { ScorePointsPage } from './ScorePointsPage.tsx';
import { ScoreRulesPage } from './ScoreRulesPage.tsx';
import { ScoresPage } from './ScoresPage.tsx';

/** /scores (the tables), /scores/points (a subject's points) and /scores/rules (the rules and versions). */
export function ScoresRoute({ pathname }: { pathname: string }) {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/scores') return <ScoresPage />;
  if (path === '/scores/points') return <ScorePointsPage />;
  if (path === '/scores/rules') return <ScoreRulesPage />;
  return <NotFoundPage />;
}
