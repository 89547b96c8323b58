import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { HouseholdDetailPage } from './HouseholdDetailPage.tsx';
import { HouseholdListPage } from './HouseholdListPage.tsx';
import { householdsView } from './households-path.ts';

/** /households (the list, optionally of one region) and /households/<id> (one household). */
export function HouseholdsRoute({ pathname }: { pathname: string }) {
  const view = householdsView(pathname);
  switch (view.kind) {
    case 'list':
      return <HouseholdListPage />;
    case 'detail':
      // Keyed by id: values unmasked on one household never show on the next.
      return <HouseholdDetailPage key={view.id} id={view.id} />;
    case 'unknown':
      return <NotFoundPage />;
  }
}
