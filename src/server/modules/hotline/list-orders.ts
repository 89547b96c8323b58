import type { Kysely } from 'kysely';
import type { CaseState } from '../../../shared/cases/workflow.ts';
import { HOTLINE_LIST_LIMIT, type HotlineOrderList } from '../../../shared/domain/hotline.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { createHotlineRepository } from './hotline.repository.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The hotline page's orders: the newest first, only those whose cases the caller may read (by
 * place), each with its case, the platform's deadline and how its latest push-back fared.
 */
export async function listOrders(db: Kysely<DB>, principal: Principal): Promise<HotlineOrderList> {
  const rows = await createHotlineRepository(db).listOrders(
    scopeFor(principal, 'cases:read'),
    HOTLINE_LIST_LIMIT,
  );
  return {
    items: rows.map((r) => ({
      orderNumber: r.order_number,
      source: r.source,
      receivedAt: iso(r.received_at) as string,
      deadlineAt: iso(r.deadline_at),
      caseId: r.case_id,
      caseNumber: r.case_number,
      caseState: r.state as CaseState,
      title: r.title,
      push: r.push_id === null ? 'none' : r.delivered_at ? 'delivered' : r.failed_at ? 'failed' : 'pending',
      pushError: r.delivered_at ? null : (r.last_error ?? null),
    })),
  };
}
