import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';

/** What a household or member write needs: the database, the cipher, and who acts. */
export interface WriteContext {
  db: Kysely<DB>;
  cipher: PiiCipher;
  principal: Principal;
  actor: AuditActor;
}
