import { useEffect } from 'react';
import { useApi } from '../../app/api-context.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { useMe } from '../../auth/auth-context.tsx';
import { unlockFieldDb } from '../../offline/field-db.ts';
import { prepareOffline } from '../../offline/register-sw.ts';
import { FieldHome } from './FieldHome.tsx';
import { parseFieldPath } from './field-path.ts';
import { FieldSyncProvider } from './field-sync.tsx';
import { TargetCardPage } from './TargetCardPage.tsx';
import { VisitFormPage } from './VisitFormPage.tsx';

/**
 * The field app (/field): a phone-first area for grid workers that keeps working offline. The
 * service worker (app shell) is registered on the first visit here and keeps what the shell needs
 * to start offline; the outbox syncs while any page of the area is open.
 */
export function FieldRoute({ pathname }: { pathname: string }) {
  const api = useApi();
  const me = useMe();
  useEffect(() => {
    void prepareOffline();
  }, []);
  // A sign-out locked the database; this person may use it again.
  unlockFieldDb();
  const page = parseFieldPath(pathname);
  return (
    <FieldSyncProvider api={api} userId={me.id}>
      <div data-testid="field-app" style={{ maxWidth: 640, margin: '0 auto', overflowX: 'hidden' }}>
        {page.page === 'home' && <FieldHome tab={page.tab} />}
        {page.page === 'card' && <TargetCardPage key={page.id} type={page.type} id={page.id} />}
        {page.page === 'visit' && <VisitFormPage key={page.id} type={page.type} id={page.id} />}
        {page.page === 'notFound' && <NotFoundPage />}
      </div>
    </FieldSyncProvider>
  );
}
