import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/auth-context.tsx';
import { followLink } from './router.ts';
import { routeFor, visibleRoutes } from './routes.tsx';

/**
 * The modules the signed-in user may open, as a vertical menu; used in the side bar and in the
 * phone drawer.
 */
export function NavMenu({ pathname, onNavigate }: { pathname: string; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const active = routeFor(pathname);
  return (
    <Menu
      mode="inline"
      style={{ borderInlineEnd: 'none' }}
      selectedKeys={active ? [active.key] : []}
      onClick={onNavigate}
      items={visibleRoutes(me.permissions).map((route) => ({
        key: route.key,
        icon: route.icon,
        label: (
          <a href={route.path} onClick={(event) => followLink(event, route.path)}>
            {t(`nav.${route.key}`)}
          </a>
        ),
      }))}
    />
  );
}
