import type { TestApp } from './app.ts';

/**
 * The audit rows of an action, oldest first (by time, then the time-ordered uuidv7 id: a
 * district's rows are spread over several chains, so `seq` orders only within one); only those
 * about `objectId` when it is given.
 */
export function auditRowsOf(t: TestApp, action: string, objectId?: string) {
  let query = t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId !== undefined) query = query.where('object_id', '=', objectId);
  return query.orderBy('at').orderBy('id').execute();
}
