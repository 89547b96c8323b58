import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../../app/meta-context.tsx';
import { useMe } from '../../auth/auth-context.tsx';
import { DashboardPage } from '../dashboard/DashboardPage.tsx';
import { ProvincePage } from '../province/ProvincePage.tsx';
import { homeSections, scopeTitle } from './home-sections.ts';
import { FollowUpsSection, VisitsSection } from './WorkerSections.tsx';
import { QueueSection, TodoSection } from './WorkSections.tsx';

/**
 * '/': each role's home. A leader's and supervisor's is the dashboard; a handler lands on their
 * to-do, a dispatcher on the queue's counts, a worker on today's visits and the follow-ups they
 * owe, a provincial leader on the province's overview; several roles see the sections of each. Titled with the user's own places, not the district.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const meta = useMeta();
  const sections = homeSections(
    me.roles.map((g) => g.role),
    me.permissions,
  );
  if (sections.length === 1 && sections[0] === 'dashboard') return <DashboardPage />;
  if (sections.length === 1 && sections[0] === 'province') return <ProvincePage />;
  const title = scopeTitle(me.roles, meta.data?.district?.name) ?? me.displayName;
  return (
    <Flex vertical gap={24} data-testid="home" data-sections={sections.join(' ')} style={{ minWidth: 0 }}>
      <div>
        <Typography.Text type="secondary">{t('home.subtitle')}</Typography.Text>
        <Typography.Title level={2} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="home-title">
          {title}
        </Typography.Title>
      </div>
      {sections.map((section) => {
        switch (section) {
          case 'todo':
            return <TodoSection key={section} />;
          case 'queue':
            return <QueueSection key={section} />;
          case 'visits':
            return <VisitsSection key={section} />;
          case 'followUps':
            return <FollowUpsSection key={section} />;
          case 'province':
            return <ProvincePage key={section} />;
          default:
            return <DashboardPage key={section} />;
        }
      })}
    </Flex>
  );
}
