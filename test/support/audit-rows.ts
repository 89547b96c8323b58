import type { TestApp } from './app.ts';

/** The audit rows of an action, oldest first; only those about `objectId` when it is given. */
export function auditRowsOf(t: TestApp, action: string, objectId?: string) {
  let query = t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId !== undefined) query = query.where('object_id', '=', objectId);
  return query.orderBy('seq').execute();
}
