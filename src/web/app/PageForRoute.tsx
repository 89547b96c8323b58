import { useMe } from '../auth/auth-context.tsx';
import { AdminRoute } from '../features/admin/AdminRoute.tsx';
import { CampaignsRoute } from '../features/campaigns/CampaignsRoute.tsx';
import { CasesRoute } from '../features/cases/CasesRoute.tsx';
import { EnterprisesRoute } from '../features/enterprises/EnterprisesRoute.tsx';
import { EvaluationRoute } from '../features/evaluation/EvaluationRoute.tsx';
import { ExamplesRoute } from '../features/examples/ExamplesRoute.tsx';
import { FieldRoute } from '../features/field/FieldRoute.tsx';
import { FindingsPage } from '../features/findings/FindingsPage.tsx';
import { HardProblemsRoute } from '../features/hard-problems/HardProblemsRoute.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { HotlinePage } from '../features/hotline/HotlinePage.tsx';
import { HouseholdsRoute } from '../features/households/HouseholdsRoute.tsx';
import { LeaguePage } from '../features/league/LeaguePage.tsx';
import { MapPage } from '../features/map/MapPage.tsx';
import { RegionsRoute } from '../features/regions/RegionsRoute.tsx';
import { ScoreListsRoute } from '../features/score-lists/ScoreListsRoute.tsx';
import { ScoresRoute } from '../features/scores/ScoresRoute.tsx';
import { SupervisionRoute } from '../features/supervision/SupervisionRoute.tsx';
import { SurveysRoute } from '../features/surveys/SurveysRoute.tsx';
import { VisitsRoute } from '../features/visits/VisitsRoute.tsx';
import { ComingSoonPage } from './ComingSoonPage.tsx';
import { ForbiddenPage } from './ForbiddenPage.tsx';
import { mayOpen } from './module-access.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { routeFor } from './routes.tsx';

/** The page for the current path: a module's page, a "coming" notice, no permission, or not found. */
export function PageForRoute({ pathname }: { pathname: string }) {
  const me = useMe();
  const route = routeFor(pathname);
  if (!route) return <NotFoundPage />;
  if (!mayOpen(route.key, me.permissions)) return <ForbiddenPage />;
  switch (route.key) {
    case 'dashboard':
      return <HomePage />;
    case 'regions':
      return <RegionsRoute pathname={pathname} />;
    case 'cases':
      return <CasesRoute pathname={pathname} />;
    case 'field':
      return <FieldRoute pathname={pathname} />;
    case 'visits':
      return <VisitsRoute pathname={pathname} />;
    case 'households':
      return <HouseholdsRoute pathname={pathname} />;
    case 'enterprises':
      return <EnterprisesRoute pathname={pathname} />;
    case 'map':
      return <MapPage />;
    case 'campaigns':
      return <CampaignsRoute pathname={pathname} />;
    case 'examples':
      return <ExamplesRoute pathname={pathname} />;
    case 'surveys':
      return <SurveysRoute pathname={pathname} />;
    case 'hotline':
      return <HotlinePage />;
    case 'league':
      return <LeaguePage />;
    case 'scores':
      return <ScoresRoute pathname={pathname} />;
    case 'supervision':
      return <SupervisionRoute pathname={pathname} />;
    case 'evaluation':
      return <EvaluationRoute pathname={pathname} />;
    case 'scoreLists':
      return <ScoreListsRoute pathname={pathname} />;
    case 'findings':
      return <FindingsPage />;
    case 'hardProblems':
      return <HardProblemsRoute pathname={pathname} />;
    case 'admin':
      return <AdminRoute pathname={pathname} />;
    default:
      return <ComingSoonPage module={route.key} />;
  }
}
