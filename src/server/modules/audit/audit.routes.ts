import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  auditActionsSchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerificationSchema,
} from '../../../shared/domain/audit.ts';
import { CURSOR_KEYS, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Principal } from '../auth/principal.ts';
import {
  auditNames,
  chainBreakKind,
  listAudit,
  listAuditActions,
  verifyDistrictChain,
} from './audit.repository.ts';

/** The auditor's read-only view of the district's audit log (docs/specs/trust.md §5, §11). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const { from, to, before, ...rest } = request.query;
      // The cursor is the last row's time and id: rows of all stripes, newest first.
      const cursor = before === undefined ? undefined : decodeCursor(before, CURSOR_KEYS.instant);
      const rows = await listAudit(db, principal.districtCode, {
        ...rest,
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
        ...(cursor ? { before: { at: new Date(cursor[0]), id: cursor[1] } } : {}),
      });
      const last = rows.at(-1);
      const names = await auditNames(db, principal.districtCode, rows);
      return {
        items: rows.map((r) => ({
          id: r.id,
          stripe: Number(r.stripe),
          seq: Number(r.seq),
          at: r.at.toISOString(),
          actorName: r.actor_name,
          actorDisplayName: names.actor(r),
          actorRoles: r.actor_roles,
          scope: r.scope,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          objectName: names.object(r.object_type, r.object_id),
          result: r.result,
          sourceIp: r.source_ip,
          detail: (r.detail ?? {}) as Record<string, unknown>,
        })),
        next:
          rows.length === request.query.limit && last ? encodeCursor(last.at.toISOString(), last.id) : null,
      };
    },
  );

  app.get(
    '/api/v1/audit/actions',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'The action names in the log, for the filter',
        response: { 200: auditActionsSchema },
      },
    },
    async (request) => ({
      items: await listAuditActions(db, (request.principal as Principal).districtCode),
    }),
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary:
          "Recompute the district's keyed hash chains (every stripe) against its signed checkpoints: intact, or where it first breaks",
        response: { 200: auditVerificationSchema },
      },
    },
    async (request) => {
      const { rows, breaks } = await verifyDistrictChain(db, (request.principal as Principal).districtCode, {
        checkpointDir: app.ctx.config.audit.checkpointDir,
      });
      const first = breaks[0];
      return {
        ok: breaks.length === 0,
        rowsChecked: rows,
        firstBreak: first
          ? { seq: first.seq, kind: chainBreakKind(first.problem), problem: first.problem }
          : null,
        breakCount: breaks.length,
        checkedAt: new Date().toISOString(),
      };
    },
  );
};
