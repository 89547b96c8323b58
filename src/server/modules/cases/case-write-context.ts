import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';

/** What a case use case needs: the database, who acts, and the instant it happens at. */
export interface CaseWriteContext {
  db: Kysely<DB>;
  principal: Principal;
  actor: AuditActor;
  /** Injected so clock tests can act on a chosen day of the real calendar. */
  now: Date;
}
