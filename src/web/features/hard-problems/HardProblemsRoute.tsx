import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { HardProblemPage } from './HardProblemPage.tsx';
import { HardProblemsPage } from './HardProblemsPage.tsx';

const ITEM = /^\/hard-problems\/([0-9a-f-]{36})$/;

/** /hard-problems (the list, proposals and the month's topic) and /hard-problems/:id (one item). */
export function HardProblemsRoute({ pathname }: { pathname: string }) {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/hard-problems') return <HardProblemsPage />;
  const id = ITEM.exec(path)?.[1];
  if (id) return <HardProblemPage key={id} id={id} />;
  return <NotFoundPage />;
}
