import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { followLink } from './router.ts';
import { MODULE_ROUTES, routeFor } from './routes.tsx';

/** The module list as a vertical menu; used in the side bar and in the phone drawer. */
export function NavMenu({ pathname, onNavigate }: { pathname: string; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const active = routeFor(pathname);
  return (
    <Menu
      mode="inline"
      style={{ borderInlineEnd: 'none' }}
      selectedKeys={active ? [active.key] : []}
      onClick={onNavigate}
      items={MODULE_ROUTES.map((route) => ({
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
