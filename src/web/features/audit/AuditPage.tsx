import { ComingSoonPage } from '../../app/ComingSoonPage.tsx';

/** Placeholder while this section is being built in this session; replaced by the real page. */
export function AuditPage() {
  return <ComingSoonPage module="admin" />;
}
