import type { Kysely } from 'kysely';
import type { VisitSettings } from '../../config.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';

/** What a visit use case needs: the database, who acts, when, and the deployment's visit defaults. */
export interface VisitWriteContext {
  db: Kysely<DB>;
  principal: Principal;
  actor: AuditActor;
  now: Date;
  cipher: PiiCipher;
  /** config.visits: the defaults a district's own settings override. */
  visitDefaults: VisitSettings;
}
