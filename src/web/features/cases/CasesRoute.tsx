import { ForbiddenPage } from '../../app/ForbiddenPage.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { useMe } from '../../auth/auth-context.tsx';
import { CaseDetailPage } from './CaseDetailPage.tsx';
import { CaseListPage } from './CaseListPage.tsx';
import { casesPage } from './cases-path.ts';
import { NewCasePage } from './NewCasePage.tsx';

/** /cases (the workbench and inboxes), /cases/new (intake) and /cases/<id> (one case). */
export function CasesRoute({ pathname }: { pathname: string }) {
  const me = useMe();
  const page = casesPage(pathname);
  switch (page.kind) {
    case 'list':
      return <CaseListPage />;
    case 'new':
      return me.permissions.includes('cases:create') ? <NewCasePage /> : <ForbiddenPage />;
    case 'detail':
      // Keyed by id: the next case starts with its own state, not the last one's.
      return <CaseDetailPage key={page.id} id={page.id} />;
    case 'unknown':
      return <NotFoundPage />;
  }
}
