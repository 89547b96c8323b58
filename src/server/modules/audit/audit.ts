import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AuditAction } from '../../../shared/domain/audit.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import type { Principal } from '../auth/principal.ts';
import { appendAudit } from './audit-append.repository.ts';

/** A savepoint's handle inherits the chain head its transaction holds, and hands it back when released. */
export { carryAuditHeads } from './audit-append.repository.ts';

export interface AuditEvent {
  /** One of the typed list, so every action the code writes has words on the audit page. */
  action: AuditAction;
  result: 'success' | 'failure' | 'denied';
  objectType?: string;
  objectId?: string;
  detail?: Record<string, unknown>;
}

/** Who acted: a signed-in principal, or what little is known before sign-in. */
export interface AuditActor {
  principal?: Principal;
  districtCode: string;
  username?: string;
  /** Roles of an account known before it is a principal (the password step), comma-separated. */
  roles?: string;
  sourceIp: string | null;
}

/** A signed-in principal acting from an address. */
export function actorOf(principal: Principal, sourceIp: string | null): AuditActor {
  return { principal, districtCode: principal.districtCode, sourceIp };
}

/** Writes one audit row in the caller's transaction (docs/specs/trust.md §10: no audit, no change). */
export function audit(
  trx: Kysely<DB>,
  actor: AuditActor,
  event: AuditEvent,
  /** The change's held writes, sent with the audit row (db/write-batch.ts). */
  batch?: WriteBatch,
): Promise<void> {
  const { principal } = actor;
  return appendAudit(
    trx,
    principal?.districtCode ?? actor.districtCode,
    {
      actor_id: principal?.userId ?? null,
      actor_name: principal?.username ?? actor.username?.slice(0, 64) ?? null,
      actor_roles: rolesLabel(principal) ?? actor.roles ?? null,
      scope: scopeLabel(principal)?.slice(0, 200) ?? null,
      action: event.action,
      object_type: event.objectType ?? null,
      object_id: event.objectId ?? null,
      result: event.result,
      source_ip: actor.sourceIp,
      ...(event.detail ? { detail: event.detail } : {}),
    },
    uuidv7(),
    batch,
  );
}

function rolesLabel(principal: Principal | undefined): string | null {
  return principal ? principal.grants.map((g) => g.role).join(',') : null;
}

function scopeLabel(principal: Principal | undefined): string | null {
  return principal
    ? principal.grants
        .map((g) =>
          g.scopeDepartmentId ? `dept:${g.scopeDepartmentName ?? g.scopeDepartmentId}` : g.scopePath,
        )
        .join(',')
    : null;
}

/** The chain used for events that belong to no district (e.g. a sign-in with an unknown name). */
export const SYSTEM_DISTRICT = '000000';

/**
 * Refuses a request 403 after writing its denied audit row in a transaction of its own (the
 * refusal is on record even though nothing else is written).
 */
export async function refuseAudited(
  db: Kysely<DB>,
  actor: AuditActor,
  event: Omit<AuditEvent, 'result'>,
  message: string,
): Promise<never> {
  await runTransaction(db, (trx) => audit(trx, actor, { ...event, result: 'denied' }));
  throw new AppError('FORBIDDEN', message);
}
