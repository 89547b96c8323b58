import { Drawer, Grid, Layout, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../errors/ErrorBoundary.tsx';
import { AppHeader } from './AppHeader.tsx';
import { useApi } from './api-context.tsx';
import { NavMenu } from './NavMenu.tsx';
import { PageForRoute } from './PageForRoute.tsx';
import { followLink, usePathname } from './router.ts';

/** antd's side bar trigger height (Layout token `triggerHeight`, 48 by default). */
const SIDER_TRIGGER_HEIGHT = 48;

/**
 * The frame around every page. Wide screens get a collapsible side bar; below antd's `md`
 * breakpoint (768 px, i.e. phones) the navigation moves into a drawer opened from the header.
 */
export function Shell() {
  const { t } = useTranslation();
  const api = useApi();
  const pathname = usePathname();
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Before the first measurement `md` is undefined; assume a wide screen until told otherwise.
  const narrow = screens.md === false;

  const brand = (short: boolean) => (
    <a
      href="/"
      onClick={(event) => followLink(event, '/')}
      style={{ display: 'block', padding: '16px 20px', whiteSpace: 'nowrap', overflow: 'hidden' }}
    >
      <Typography.Text strong style={{ fontSize: 18, color: token.colorPrimary }} data-testid="brand">
        {short ? t('app.name') : t('app.productName')}
      </Typography.Text>
    </a>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow ? (
        <Drawer
          placement="left"
          size={260}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('app.productName')}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={t('app.navigation')}>
            <NavMenu pathname={pathname} onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      ) : (
        <Layout.Sider
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={220}
          style={{
            borderRight: `1px solid ${token.colorBorderSecondary}`,
            // The navigation stays in view while a long page (a deep tree) scrolls.
            position: 'sticky',
            top: 0,
            height: '100vh',
          }}
        >
          {/* The menu scrolls above the collapse trigger, which is fixed at the bottom: a long menu
              (a leader's, its assessment group open) would otherwise end under it. */}
          <div style={{ height: `calc(100vh - ${SIDER_TRIGGER_HEIGHT}px)`, overflowY: 'auto' }}>
            {brand(collapsed)}
            <nav aria-label={t('app.navigation')}>
              <NavMenu pathname={pathname} />
            </nav>
          </div>
        </Layout.Sider>
      )}
      <Layout>
        <AppHeader narrow={narrow} onOpenMenu={() => setDrawerOpen(true)} />
        <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
          <main>
            <ErrorBoundary key={pathname} api={api}>
              <PageForRoute pathname={pathname} />
            </ErrorBoundary>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
