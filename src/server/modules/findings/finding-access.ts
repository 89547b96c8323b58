import { reaches } from '../../../shared/auth/reach.ts';
import { ROLE_PERMISSIONS } from '../../../shared/auth/roles.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import type { FindingReader } from './findings.repository.ts';

/**
 * Who reads findings: case readers over the places they reach (a street sees its communities'),
 * department handlers over their departments', everyone over their own as a cadre.
 */
export function findingReader(principal: Principal): FindingReader {
  const departments = principal.grants
    .filter((g) => g.scopeDepartmentId !== null && ROLE_PERMISSIONS[g.role].includes('cases:read'))
    .map((g) => `d:${g.scopeDepartmentId}`);
  return {
    districtCode: principal.districtCode,
    paths: scopeFor(principal, 'cases:read').paths,
    subjectKeys: [...new Set([...departments, `u:${principal.userId}`])],
  };
}

/**
 * Whether the caller answers for a finding's subject — the subject's own people, not those above
 * it: a department's handlers, the cadre themself, or for a place or a region unit someone whose
 * case-reading grant stands on that place or below it (its leader, its workers).
 */
export function answersFor(
  principal: Principal,
  finding: { subject_key: string; region_path: string },
): boolean {
  const key = finding.subject_key;
  if (key.startsWith('u:')) return key === `u:${principal.userId}`;
  if (key.startsWith('d:'))
    return principal.grants.some(
      (g) => g.scopeDepartmentId === key.slice(2) && ROLE_PERMISSIONS[g.role].includes('cases:read'),
    );
  return principal.grants.some(
    (g) =>
      g.scopeDepartmentId === null &&
      g.scopeRegionId !== null &&
      ROLE_PERMISSIONS[g.role].includes('cases:read') &&
      reaches(finding.region_path, g.scopePath),
  );
}
