import type { Permission } from '../../../shared/auth/roles.ts';
import { VISIT_SECTIONS, type VisitSection } from './visits-path.ts';

/** The permission each page of the module needs (the server asks the same of its routes). */
export const SECTION_PERMISSION: Record<VisitSection, Permission> = {
  diary: 'visits:read',
  opinions: 'visits:read',
  coverage: 'visits:read',
  plans: 'visits:plan',
  mentoring: 'visits:read',
  'spot-checks': 'visits:check',
};

export function sectionsFor(permissions: readonly Permission[]): VisitSection[] {
  return VISIT_SECTIONS.filter((s) => permissions.includes(SECTION_PERMISSION[s]));
}
