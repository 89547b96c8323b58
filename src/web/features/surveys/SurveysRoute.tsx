import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { SurveyPage } from './SurveyPage.tsx';
import { SurveysPage } from './SurveysPage.tsx';

const ONE = /^\/surveys\/([0-9a-fA-F-]{36})$/;

/** /surveys (a place's surveys; a leader creates one) and /surveys/<id> (answers and results). */
export function SurveysRoute({ pathname }: { pathname: string }) {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/surveys') return <SurveysPage />;
  const id = ONE.exec(path)?.[1];
  if (id) return <SurveyPage id={id.toLowerCase()} />;
  return <NotFoundPage />;
}
