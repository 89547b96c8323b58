import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { EnterpriseDetailPage } from './EnterpriseDetailPage.tsx';
import { EnterpriseListPage } from './EnterpriseListPage.tsx';
import { enterprisesView } from './enterprises-path.ts';

/** /enterprises (the list, optionally of one region, one tag, or "mine") and /enterprises/<id>. */
export function EnterprisesRoute({ pathname }: { pathname: string }) {
  const view = enterprisesView(pathname);
  switch (view.kind) {
    case 'list':
      return <EnterpriseListPage />;
    case 'detail':
      // Keyed by id: a phone revealed on one enterprise never shows on the next.
      return <EnterpriseDetailPage key={view.id} id={view.id} />;
    case 'unknown':
      return <NotFoundPage />;
  }
}
