import type { Kysely } from 'kysely';
import type { Open311ClientList } from '../../../shared/domain/open311.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { clientView } from './client-view.ts';
import { createOpen311Repository } from './open311.repository.ts';

/** The district's Open311 clients, newest first, revoked ones included (never their keys). */
export async function listOpen311Clients(db: Kysely<DB>, principal: Principal): Promise<Open311ClientList> {
  const rows = await createOpen311Repository(db).listClients(principal.districtCode);
  return { items: rows.map(clientView) };
}
