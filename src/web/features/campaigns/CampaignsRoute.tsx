import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { CampaignListPage } from './CampaignListPage.tsx';
import { CampaignReportPage } from './CampaignReportPage.tsx';
import { campaignPageOf } from './campaigns-api.ts';

/** /campaigns, /campaigns/:id (the report) and /campaigns/:id/print (its print view). */
export function CampaignsRoute({ pathname }: { pathname: string }) {
  const page = campaignPageOf(pathname);
  if (!page) return <NotFoundPage />;
  if (page.page === 'list') return <CampaignListPage />;
  return <CampaignReportPage key={`${page.page}-${page.id}`} id={page.id} print={page.page === 'print'} />;
}
