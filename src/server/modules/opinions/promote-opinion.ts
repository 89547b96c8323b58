import type { PromotedOpinion } from '../../../shared/domain/opinion.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import type { CaseWriteContext } from '../cases/case-write-context.ts';
import { submitCase } from '../cases/submit-case.ts';
import { createOpinionRepository } from './opinions.repository.ts';

const TITLE_CHARS = 60;

const alreadyPromoted = () =>
  new AppError('OPINION_ALREADY_PROMOTED', 'This opinion has already been turned into a case.');

/**
 * Turns an opinion that needs handling into a case (kind `suggestion`, channel `visit`) through the
 * case loop's one intake path, so the case has its `submit` event, clocks and audit row like any
 * other. The opinion is linked to the case in the case's own transaction, and only once: a second
 * promotion (or one racing the first) is a 409 and creates nothing. The opinion must be in the
 * caller's visit scope (404 otherwise); the case's place is checked against `cases:create` scope.
 */
export async function promoteOpinion(
  ctx: CaseWriteContext & { cipher: PiiCipher },
  opinionId: string,
): Promise<PromotedOpinion> {
  const districtCode = ctx.principal.districtCode;
  const repo = createOpinionRepository(ctx.db);
  const opinion = await repo.findInScope(scopeFor(ctx.principal, 'visits:read'), opinionId);
  if (!opinion) throw new AppError('NOT_FOUND', 'No such opinion in your area.');
  if (opinion.promoted_case_id) throw alreadyPromoted();
  const visit = await repo.visitOf(districtCode, opinion.visit_id);
  const address = visit?.household_address ?? visit?.enterprise_address ?? visit?.place_name ?? null;
  // A category retired since the visit is dropped rather than refusing the promotion.
  const categoryActive =
    opinion.category_id !== null &&
    (await repo.activeCategories(districtCode, [opinion.category_id])).has(opinion.category_id);
  const text = opinion.text.trim();
  const title = text.length > TITLE_CHARS ? `${text.slice(0, TITLE_CHARS - 1)}…` : text;

  const created = await submitCase(
    ctx,
    {
      channel: 'visit',
      kind: 'suggestion',
      urgency: 'ordinary',
      listType: 'problem',
      title,
      description: text.slice(0, 4000),
      regionId: opinion.region_id,
      ...(address ? { address: address.slice(0, 200) } : {}),
      ...(categoryActive && opinion.category_id ? { categoryId: opinion.category_id } : {}),
      // An opinion names nobody: whoever voiced it is a resident the record does not identify.
      reporter: { type: 'resident' },
    },
    {
      sourceVisitId: opinion.visit_id,
      alsoWrite: async (trx, kase) => {
        if (!(await createOpinionRepository(trx).markPromoted(districtCode, opinionId, kase.id))) {
          throw alreadyPromoted();
        }
        await audit(trx, ctx.actor, {
          action: 'opinion.promoted',
          result: 'success',
          objectType: 'opinion',
          objectId: opinionId,
          detail: { case: kase.id, number: kase.number, visit: opinion.visit_id },
        });
      },
    },
  );
  return { opinionId, caseId: created.id, caseNumber: created.number };
}
