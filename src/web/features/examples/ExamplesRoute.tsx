import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { ExamplePage } from './ExamplePage.tsx';
import { ExamplesPage } from './ExamplesPage.tsx';

const ONE = /^\/examples\/([0-9a-fA-F-]{36})$/;

/** /examples (the proposals and write-ups of a place) and /examples/<id> (one write-up). */
export function ExamplesRoute({ pathname }: { pathname: string }) {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/examples') return <ExamplesPage />;
  const id = ONE.exec(path)?.[1];
  if (id) return <ExamplePage id={id.toLowerCase()} />;
  return <NotFoundPage />;
}
