import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';

/** What every campaign use case needs: the database, who acts, and how the audit names them. */
export interface CampaignContext {
  db: Kysely<DB>;
  principal: Principal;
  actor: AuditActor;
  now: Date;
}
