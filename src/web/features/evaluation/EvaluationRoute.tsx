import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { EvaluationListPage } from './EvaluationListPage.tsx';
import { EvaluationRoundPage } from './EvaluationRoundPage.tsx';

const ROUND = /^\/evaluation\/([0-9a-f-]{36})$/;

/** /evaluation (the rounds) and /evaluation/:id (one round: rating, or its results). */
export function EvaluationRoute({ pathname }: { pathname: string }) {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/evaluation') return <EvaluationListPage />;
  const id = ROUND.exec(path)?.[1];
  if (id) return <EvaluationRoundPage id={id} />;
  return <NotFoundPage />;
}
