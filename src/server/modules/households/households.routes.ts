import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  householdDetailSchema,
  householdListQuerySchema,
  householdListSchema,
  unmaskRequestSchema,
  unmaskResponseSchema,
} from '../../../shared/domain/household.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isValidIdCardNumber, normaliseIdCardNumber } from '../../../shared/validation/id-card.ts';
import { normaliseMobilePhone } from '../../../shared/validation/phone.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { CURSOR_KEYS, decodeCursor, pageBody, pageOffset } from '../../http/cursor.ts';
import { actorOf } from '../audit/audit.ts';
import { unmaskAudited } from '../audit/unmask.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionPathFilter } from '../regions/region-filter.ts';
import { loadHouseholdDetail } from './household-detail.ts';

const idParams = z.object({ id: z.uuid() }).strict();
const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() }).strict();

/** Households and members, masked by default; unmasking one field is its own audited action. */
export const householdRoutes: FastifyPluginAsyncZod = async (app) => {
  const { households, regions } = app.ctx.repositories;
  const { cipher } = app.ctx;

  app.get(
    '/api/v1/households',
    {
      config: { access: 'households:read' },
      schema: {
        tags: ['households'],
        summary: 'Households in scope, optionally below a region or with a tag; by cursor or page number',
        querystring: householdListQuerySchema,
        response: { 200: householdListSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const scope = scopeFor(principal, 'households:read');
      const { regionId, q, tag, after, limit } = request.query;
      const offset = pageOffset(request.query.page, limit, after);
      const page = await households.list(scope, {
        ...(await regionPathFilter(regions, scope, regionId)),
        limit,
        offset,
        ...(q ? { q, ...personHashOf(q, app.ctx.cipher) } : {}),
        ...(tag ? { tag } : {}),
        ...(after ? { after: decodeCursor(after, CURSOR_KEYS.code) } : {}),
      });
      return {
        totalCapped: page.totalCapped,
        ...pageBody(
          page,
          (r) => r.code,
          (r) => ({
            id: r.id,
            code: r.code,
            address: r.address,
            gridId: r.grid_id,
            gridName: r.grid_name,
            tags: r.tags,
            isKey: r.is_key,
            memberCount: Number(r.member_count ?? 0),
            lastVisitAt: r.last_visit_at ? new Date(r.last_visit_at).toISOString() : null,
          }),
        ),
        actions:
          scopeFor(principal, 'households:write').paths.length > 0 ? (['create'] as const).slice() : [],
      };
    },
  );

  app.get(
    '/api/v1/households/:id',
    {
      config: { access: 'households:read' },
      schema: {
        tags: ['households'],
        summary: 'A household with its members (personal data masked)',
        params: idParams,
        response: { 200: householdDetailSchema },
      },
    },
    async (request) => {
      const found = await loadHouseholdDetail(
        households,
        regions,
        cipher,
        request.principal as Principal,
        request.params.id,
      );
      if (!found) throw new AppError('NOT_FOUND', 'No such household.');
      return found;
    },
  );

  app.post(
    '/api/v1/households/:id/members/:memberId/unmask',
    {
      config: { access: 'pii:unmask' },
      schema: {
        tags: ['households'],
        summary: 'Show one personal field in full (audited)',
        params: memberParams,
        body: unmaskRequestSchema,
        response: { 200: unmaskResponseSchema },
      },
    },
    async (request) => {
      const principal = request.principal as Principal;
      const h = await households.findInScope(scopeFor(principal, 'pii:unmask'), request.params.id);
      const member = h
        ? (await households.members(h.district_code, h.id)).find((m) => m.id === request.params.memberId)
        : undefined;
      if (!h || !member) throw new AppError('NOT_FOUND', 'No such member.');
      const { field, reason } = request.body;
      const sealed = field === 'id_number' ? member.id_number_enc : member.phone_enc;
      const value = await unmaskAudited(app.ctx.database.db, cipher, actorOf(principal, request.ip), sealed, {
        objectType: 'person',
        objectId: member.id,
        detail: { field, reason, household: h.id },
      });
      return { field, value };
    },
  );
};

/**
 * A search text that is a valid ID number or mobile phone is looked up by its keyed hash (the
 * stored values are encrypted, so only an exact match can find them).
 */
function personHashOf(q: string, cipher: PiiCipher): { personHash?: Uint8Array } {
  const text = q.trim();
  if (isValidIdCardNumber(text)) return { personHash: cipher.hash(normaliseIdCardNumber(text)) };
  const phone = normaliseMobilePhone(text);
  return phone ? { personHash: cipher.hash(phone) } : {};
}
