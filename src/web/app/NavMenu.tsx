import { SolutionOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/auth-context.tsx';
import { followLink } from './router.ts';
import { type ModuleRoute, type NavGroup, routeFor, visibleRoutes } from './routes.tsx';

type Item = NonNullable<MenuProps['items']>[number];

const GROUP_ICONS: Record<NavGroup, ReactNode> = { assessment: <SolutionOutlined /> };

/**
 * The modules the signed-in user may open, as a vertical menu; used in the side bar and in the
 * phone drawer. The modules of a group fold under one entry (a leader has some twenty modules,
 * more than a screen's height), open while one of them is the page shown.
 */
export function NavMenu({ pathname, onNavigate }: { pathname: string; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const active = routeFor(pathname);
  const itemOf = (route: ModuleRoute): Item => ({
    key: route.key,
    icon: route.icon,
    label: (
      <a href={route.path} onClick={(event) => followLink(event, route.path)}>
        {t(`nav.${route.key}`)}
      </a>
    ),
  });
  const items: Item[] = [];
  const groups = new Map<NavGroup, Item[]>();
  for (const route of visibleRoutes(me.permissions)) {
    if (!route.group) {
      items.push(itemOf(route));
      continue;
    }
    const children = groups.get(route.group);
    if (children) {
      children.push(itemOf(route));
      continue;
    }
    const first = [itemOf(route)];
    groups.set(route.group, first);
    items.push({
      key: `group:${route.group}`,
      icon: GROUP_ICONS[route.group],
      label: t(`nav.groups.${route.group}`),
      children: first,
    });
  }
  return (
    <Menu
      mode="inline"
      style={{ borderInlineEnd: 'none' }}
      selectedKeys={active ? [active.key] : []}
      defaultOpenKeys={active?.group ? [`group:${active.group}`] : []}
      onClick={onNavigate}
      items={items}
    />
  );
}
