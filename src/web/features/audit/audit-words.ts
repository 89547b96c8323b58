import type { TFunction } from 'i18next';
import type { Permission } from '../../../shared/auth/roles.ts';
import { AUDIT_PLAIN_ACTIONS } from '../../../shared/domain/audit.ts';
import { TRANSFER_KINDS } from '../../../shared/domain/transfer.ts';
import { auditWordsZh } from '../../../shared/i18n/features/audit.ts';
import { type ModuleKey, mayOpen } from '../../app/module-access.ts';
import { casePath } from '../cases/cases-path.ts';
import { enterprisePath } from '../enterprises/enterprises-path.ts';
import { householdPath } from '../households/households-path.ts';
import { spotCheckPath, visitPath } from '../visits/visits-path.ts';
import { type AuditFilters, auditFiltersSearch } from './audit-filters.ts';

/**
 * The catalogue keys an action reads in: its own words, or (for a case action, an import or an
 * export) a frame around words the catalogue already has for that action or kind.
 */
export type ActionWords = { key: string } | { key: string; part: 'action' | 'kind'; partKey: string };

const PLAIN: ReadonlySet<string> = new Set(AUDIT_PLAIN_ACTIONS);
const KINDS: ReadonlySet<string> = new Set(TRANSFER_KINDS);

/** How an action reads; undefined for one the code no longer writes (shown as its code). */
export function actionWords(action: string): ActionWords | undefined {
  if (PLAIN.has(action)) return { key: `auditWords.actions.${action}` };
  const dot = action.indexOf('.');
  const group = action.slice(0, dot);
  const rest = action.slice(dot + 1);
  if (dot < 0 || rest === '') return undefined;
  if (group === 'case')
    return { key: 'auditWords.caseAction', part: 'action', partKey: `cases.actions.${rest}` };
  if ((group === 'export' || group === 'import') && KINDS.has(rest))
    return { key: `auditWords.${group}Of`, part: 'kind', partKey: `transfer.kinds.${rest}` };
  return undefined;
}

/** An action in the reader's language, or its code when it has no words. */
export function actionText(action: string, t: TFunction): string {
  const words = actionWords(action);
  if (!words) return action;
  return 'part' in words ? t(words.key, { [words.part]: t(words.partKey) }) : t(words.key);
}

const MACHINE_ACTORS: ReadonlySet<string> = new Set(Object.keys(auditWordsZh.auditWords.machineActors));

/**
 * Who acted, in words, when it was no account (the sweeper, a retention job, the demo seed, the
 * CLI, a resident's QR report): the log stores a technical name for them. Undefined for a person.
 */
export function machineActorText(name: string, t: TFunction): string | undefined {
  const [who, job] = name.split(':', 2);
  if (!who || !MACHINE_ACTORS.has(who)) return undefined;
  if (who === 'system' && job)
    return t('auditWords.machineJob', { job: t(`auditWords.objects.${job}`, { defaultValue: job }) });
  return t(`auditWords.machineActors.${who}`);
}

/** The kinds of object the log names, for the filter's choices. */
export const AUDITED_OBJECT_TYPES = Object.keys(auditWordsZh.auditWords.objects);

/** The pages an object has, with the module that opens them. */
const OBJECT_PAGES: Record<string, { module: ModuleKey; path: (id: string) => string }> = {
  case: { module: 'cases', path: casePath },
  household: { module: 'households', path: householdPath },
  enterprise: { module: 'enterprises', path: enterprisePath },
  visit: { module: 'visits', path: visitPath },
  spot_check: { module: 'visits', path: spotCheckPath },
  campaign: { module: 'campaigns', path: (id) => `/campaigns/${id}` },
};

/** This log filtered to some rows: one object's, or one person's. */
export const auditLogPath = (filters: AuditFilters) => {
  const search = auditFiltersSearch(filters).toString();
  return search ? `/admin/audit?${search}` : '/admin/audit';
};

/**
 * Where an object's name leads: its own page when the reader may open it; otherwise (an auditor
 * holds no business permission) this log's rows about that object.
 */
export function objectLink(
  type: string,
  id: string,
  permissions: readonly Permission[],
): { href: string; own: boolean } {
  const page = OBJECT_PAGES[type];
  if (page && mayOpen(page.module, permissions)) return { href: page.path(id), own: true };
  return { href: auditLogPath({ objectType: type, objectId: id }), own: false };
}
