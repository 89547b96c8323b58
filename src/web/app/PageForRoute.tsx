import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { RegionsPage } from '../features/regions/RegionsPage.tsx';
import { ComingSoonPage } from './ComingSoonPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { routeFor } from './routes.tsx';

/** The page for the current path: a module's page, a "coming" notice, or not found. */
export function PageForRoute({ pathname }: { pathname: string }) {
  const route = routeFor(pathname);
  if (!route) return <NotFoundPage />;
  switch (route.key) {
    case 'dashboard':
      return <DashboardPage />;
    case 'regions':
      return <RegionsPage />;
    default:
      return <ComingSoonPage module={route.key} />;
  }
}
