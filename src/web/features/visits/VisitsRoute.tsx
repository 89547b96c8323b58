import { Flex, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { ForbiddenPage } from '../../app/ForbiddenPage.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { CoveragePage } from './CoveragePage.tsx';
import { MentoringPage } from './MentoringPage.tsx';
import { OpinionsPage } from './OpinionsPage.tsx';
import { PlansPage } from './PlansPage.tsx';
import { SpotCheckDetailPage } from './SpotCheckDetailPage.tsx';
import { SpotChecksPage } from './SpotChecksPage.tsx';
import { VisitDetailPage } from './VisitDetailPage.tsx';
import { VisitListPage } from './VisitListPage.tsx';
import { SECTION_PERMISSION, sectionsFor } from './visit-sections.ts';
import { sectionPath, type VisitSection, visitsView } from './visits-path.ts';

/** /visits and its pages: the diary, a visit, opinions, coverage, plans, mentoring, spot checks. */
export function VisitsRoute({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const view = visitsView(pathname);
  const sections = sectionsFor(me.permissions);
  if (view.kind === 'unknown') return <NotFoundPage />;
  const section: VisitSection =
    view.kind === 'section' ? view.section : view.kind === 'visit' ? 'diary' : 'spot-checks';
  if (!me.permissions.includes(SECTION_PERMISSION[section])) return <ForbiddenPage />;

  return (
    <Flex vertical gap={16}>
      <div style={{ overflowX: 'auto' }}>
        <Segmented<VisitSection>
          value={section}
          options={sections.map((s) => ({ value: s, label: t(`visits.sections.${s}`) }))}
          onChange={(s) => navigate(sectionPath(s))}
          data-testid="visits-sections"
        />
      </div>
      {view.kind === 'visit' && <VisitDetailPage key={view.id} id={view.id} />}
      {view.kind === 'spot-check' && <SpotCheckDetailPage key={view.id} id={view.id} />}
      {view.kind === 'section' && <SectionPage section={view.section} />}
    </Flex>
  );
}

function SectionPage({ section }: { section: VisitSection }) {
  switch (section) {
    case 'diary':
      return <VisitListPage />;
    case 'opinions':
      return <OpinionsPage />;
    case 'coverage':
      return <CoveragePage />;
    case 'plans':
      return <PlansPage />;
    case 'mentoring':
      return <MentoringPage />;
    case 'spot-checks':
      return <SpotChecksPage />;
  }
}
