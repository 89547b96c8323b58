import { ROLE_PERMISSIONS } from '../../../shared/auth/roles.ts';
import { CASE_LEVELS, levelOfPath } from '../../../shared/cases/levels.ts';
import {
  type Actor,
  availableActions,
  blockingRefusal,
  type CaseAction,
} from '../../../shared/cases/workflow.ts';
import type { CaseDetail, CaseListItem } from '../../../shared/domain/case.ts';
import { maskPhone } from '../../../shared/validation/mask.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { Principal } from '../auth/principal.ts';
import { caseFacts } from './case-actor.ts';
import type { CaseRow } from './cases.repository.ts';

/**
 * The actions to offer: who may fire them in this state, minus those a guard refuses whatever the
 * input (the rest say why through workflow.ts `unavailableActions`).
 */
export function offeredActions(row: CaseRow, actor: Actor): CaseAction[] {
  const facts = caseFacts(row);
  return availableActions(facts, actor).filter((a) => blockingRefusal(facts, a) === null);
}

/** Where the caller is a handling unit: their departments, and the paths of their handling grants. */
export function handlingReach(principal: Principal) {
  const handles = principal.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('cases:handle'));
  return {
    departmentIds: handles.flatMap((g) => (g.scopeDepartmentId ? [g.scopeDepartmentId] : [])),
    // A community or grid unit's own people (levels.ts `isUnitMember`), not street-wide grants.
    handlingPaths: handles
      .filter((g) => g.scopeDepartmentId === null && levelOfPath(g.scopePath) === CASE_LEVELS.community)
      .map((g) => g.scopePath),
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface ListRow {
  id: string;
  number: string;
  title: string;
  state: string;
  channel: string;
  kind: string;
  urgency: string;
  level: number;
  overdue: boolean;
  supervised: boolean;
  reopen_count: number;
  latest_rating: string | null;
  next_due_at: Date | null;
  created_at: Date;
  version: number;
  unit_department_id: string | null;
  unit_region_id: string | null;
  category_name: string | null;
  category_name_en: string | null;
  region_name: string;
  department_name: string | null;
  unit_region_name: string | null;
}

export function listItem(r: ListRow): CaseListItem {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    state: r.state as CaseListItem['state'],
    channel: r.channel as CaseListItem['channel'],
    kind: r.kind as CaseListItem['kind'],
    urgency: r.urgency as CaseListItem['urgency'],
    level: r.level,
    categoryName: r.category_name,
    categoryNameEn: r.category_name_en,
    regionName: r.region_name,
    unit: r.unit_department_id
      ? { kind: 'department', id: r.unit_department_id, name: r.department_name ?? '' }
      : r.unit_region_id
        ? { kind: 'region', id: r.unit_region_id, name: r.unit_region_name ?? '' }
        : null,
    overdue: r.overdue,
    supervised: r.supervised,
    reopenCount: r.reopen_count,
    latestRating: r.latest_rating as CaseListItem['latestRating'],
    nextDueAt: iso(r.next_due_at),
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

export { iso };

/** The reporter as a case page shows it: the phone masked, never in full. */
export function reporterView(row: CaseRow, cipher: PiiCipher): CaseDetail['reporter'] {
  return {
    type: row.reporter_type as CaseDetail['reporter']['type'],
    name: row.reporter_name,
    phoneMasked: row.reporter_phone_enc ? maskPhone(cipher.decrypt(row.reporter_phone_enc)) : null,
    householdId: row.household_id,
    enterpriseId: row.enterprise_id,
  };
}
