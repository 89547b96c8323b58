import {
  AimOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  LikeOutlined,
  MessageOutlined,
  MobileOutlined,
  PhoneOutlined,
  ReadOutlined,
  SettingOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../shared/auth/roles.ts';
import { type ModuleKey, mayOpen } from './module-access.ts';

export type { ModuleKey } from './module-access.ts';

export interface ModuleRoute {
  key: ModuleKey;
  path: string;
  icon: ReactNode;
  /**
   * False while the module is a later issue: it is left out of the navigation (a street office
   * should not be offered an empty page), and its address says it is coming.
   */
  ready: boolean;
  /** The navigation folds the modules of one group under one entry (the assessment work). */
  group?: NavGroup;
}

export const NAV_GROUPS = ['assessment'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** The side navigation, in order. Paths mirror the server modules' names. */
export const MODULE_ROUTES: readonly ModuleRoute[] = [
  { key: 'dashboard', path: '/', icon: <HomeOutlined />, ready: true },
  { key: 'regions', path: '/regions', icon: <ClusterOutlined />, ready: true },
  { key: 'cases', path: '/cases', icon: <MessageOutlined />, ready: true },
  { key: 'hotline', path: '/hotline', icon: <PhoneOutlined />, ready: true },
  { key: 'visits', path: '/visits', icon: <TeamOutlined />, ready: true },
  { key: 'field', path: '/field', icon: <MobileOutlined />, ready: true },
  { key: 'households', path: '/households', icon: <AppstoreOutlined />, ready: true },
  { key: 'enterprises', path: '/enterprises', icon: <BankOutlined />, ready: true },
  { key: 'figures', path: '/figures', icon: <BarChartOutlined />, ready: false },
  { key: 'league', path: '/league', icon: <TrophyOutlined />, ready: true },
  { key: 'scores', path: '/scores', icon: <AuditOutlined />, ready: true, group: 'assessment' },
  {
    key: 'supervision',
    path: '/supervision',
    icon: <FileSearchOutlined />,
    ready: true,
    group: 'assessment',
  },
  { key: 'evaluation', path: '/evaluation', icon: <StarOutlined />, ready: true, group: 'assessment' },
  { key: 'scoreLists', path: '/score-lists', icon: <LikeOutlined />, ready: true, group: 'assessment' },
  { key: 'findings', path: '/findings', icon: <CheckSquareOutlined />, ready: true, group: 'assessment' },
  { key: 'hardProblems', path: '/hard-problems', icon: <AimOutlined />, ready: true, group: 'assessment' },
  { key: 'surveys', path: '/surveys', icon: <FormOutlined />, ready: true, group: 'assessment' },
  { key: 'examples', path: '/examples', icon: <ReadOutlined />, ready: true, group: 'assessment' },
  { key: 'campaigns', path: '/campaigns', icon: <FlagOutlined />, ready: true },
  { key: 'map', path: '/map', icon: <EnvironmentOutlined />, ready: true },
  { key: 'admin', path: '/admin', icon: <SettingOutlined />, ready: true },
];

/** The module a path belongs to (sub-paths included), or undefined for an unknown path. */
export function routeFor(pathname: string): ModuleRoute | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/') return MODULE_ROUTES[0];
  return MODULE_ROUTES.find((r) => r.path !== '/' && (path === r.path || path.startsWith(`${r.path}/`)));
}

/** The built modules someone holding `permissions` may open, in navigation order. */
export function visibleRoutes(permissions: readonly Permission[]): ModuleRoute[] {
  return MODULE_ROUTES.filter((route) => route.ready && mayOpen(route.key, permissions));
}
