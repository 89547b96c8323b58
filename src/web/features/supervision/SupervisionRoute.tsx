import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { SupervisionListPage } from './SupervisionListPage.tsx';
import { SupervisionReportPage } from './SupervisionReportPage.tsx';

const REPORT = /^\/supervision\/([0-9a-f-]{36})(\/print)?$/;

/** /supervision (the reports), /supervision/:id (one report, its editor while a draft) and /supervision/:id/print. */
export function SupervisionRoute({ pathname }: { pathname: string }) {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/supervision') return <SupervisionListPage />;
  const match = REPORT.exec(path);
  if (match)
    return <SupervisionReportPage key={path} id={match[1] as string} print={match[2] !== undefined} />;
  return <NotFoundPage />;
}
