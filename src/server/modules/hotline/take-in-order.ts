import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { intakeLevel } from '../../../shared/cases/levels.ts';
import type { HotlineRefusal, HotlineTakeIn } from '../../../shared/domain/hotline.ts';
import {
  HOTLINE_LIMITS,
  type HotlineField,
  hotlineTitle,
  matchCategory,
  matchPlace,
  type NamedCategory,
  type NamedPlace,
  parsePlatformTime,
  wallClockCell,
} from '../../../shared/hotline/hotline-order.ts';
import { maskPhone } from '../../../shared/validation/mask.ts';
import { normaliseMobilePhone } from '../../../shared/validation/phone.ts';
import { isCleanText } from '../../../shared/validation/text.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import { nextCaseNumber } from '../cases/case-numbers.ts';
import { createCaseRulesRepository } from '../cases/case-rules.repository.ts';
import { createCaseRepository } from '../cases/cases.repository.ts';
import { newCaseRow, recordNewCase } from '../cases/record-new-case.ts';
import { createHotlineRepository } from './hotline.repository.ts';

/** An order's fields as they arrived: text, or a date cell of a workbook. */
export type RawOrder = Record<HotlineField, string | Date | null>;

export interface TakeInContext {
  db: Kysely<DB>;
  cipher: PiiCipher;
  districtCode: string;
  source: 'import' | 'webhook';
  /** The staff member who imported the file; null for the platform's push. */
  by: { id: string; name: string } | null;
  audit: AuditActor;
  now: Date;
  /** The district's names, read once for a whole file (read per order when absent). */
  names?: RoutingNames;
}

export interface RoutingNames {
  places: NamedPlace[];
  categories: NamedCategory[];
}

/** What orders are routed by: the district's places and active categories. */
export async function routingNames(db: Kysely<DB>, districtCode: string): Promise<RoutingNames> {
  const repo = createHotlineRepository(db);
  return { places: await repo.places(districtCode), categories: await repo.categories(districtCode) };
}

interface CleanOrder {
  orderNumber: string;
  receivedAt: Date;
  deadlineAt: Date | null;
  caller: string | null;
  phone: string | null;
  address: string | null;
  content: string;
  category: string | null;
  /** What the platform sent, the phone masked (the number itself is kept only encrypted). */
  raw: Record<string, string>;
}

const text = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : (v ?? '').trim());
const cut = (v: string, max: number) => (v.length <= max ? v : v.slice(0, max));

function timeOf(v: string | Date | null, endOfDay: boolean): Date | null {
  if (v instanceof Date) return wallClockCell(v);
  return parsePlatformTime(v ?? '', endOfDay);
}

/** A phone kept on the case: a mobile number normalised, a landline as its digits; junk dropped. */
function phoneOf(v: string): string | null {
  const mobile = normaliseMobilePhone(v);
  if (mobile) return mobile;
  const digits = v.replace(/[\s()（）]/g, '');
  return /^\+?\d[\d-]{5,19}$/.test(digits) ? digits : null;
}

/** The order as the case needs it, or why it cannot become one. */
export function cleanOrder(order: RawOrder): CleanOrder | HotlineRefusal {
  const orderNumber = text(order.orderNumber);
  if (orderNumber === '') return 'order_number.missing';
  if (orderNumber.length > HOTLINE_LIMITS.orderNumber) return 'order_number.too_long';
  const values = (Object.keys(order) as HotlineField[]).map((k) => text(order[k]));
  if (!values.every(isCleanText)) return 'text.invalid';
  const receivedAt = timeOf(order.receivedAt, false);
  if (!receivedAt) return 'received_at.invalid';
  const deadlineText = text(order.deadline);
  const deadlineAt = deadlineText === '' ? null : timeOf(order.deadline, true);
  if (deadlineText !== '' && !deadlineAt) return 'deadline.invalid';
  const content = text(order.content);
  if (content === '') return 'content.missing';
  const phoneText = text(order.phone);
  const raw = Object.fromEntries(
    (Object.keys(order) as HotlineField[]).map((k) => [
      k,
      k === 'phone' && phoneText ? maskPhone(phoneText) : text(order[k]),
    ]),
  );
  const optional = (v: string, max: number) => (v === '' ? null : cut(v, max));
  return {
    orderNumber,
    receivedAt,
    deadlineAt,
    caller: optional(text(order.caller), HOTLINE_LIMITS.caller),
    phone: phoneText ? phoneOf(phoneText) : null,
    address: optional(text(order.address), HOTLINE_LIMITS.address),
    content: cut(content, HOTLINE_LIMITS.content),
    category: optional(text(order.category), HOTLINE_LIMITS.category),
    raw,
  };
}

/** Thrown inside the transaction when the same order was taken in meanwhile: undoes the new case. */
class AlreadyTaken extends Error {}

/**
 * One 12345 order becomes one case, exactly once: its order number is the idempotency key within
 * the district (hotline_order's primary key), so a second import or push of the same order finds
 * the first case and writes nothing; two at the same moment meet at that key and the later one's
 * case is rolled back. The case is taken in on channel hotline_12345 at the district's hotline
 * level, in the category and at the place its words name (docs/specs/residents-and-intake.md),
 * with the caller's phone encrypted, and the platform's deadline as its `hotline` clock.
 */
export async function takeInOrder(ctx: TakeInContext, order: RawOrder): Promise<HotlineTakeIn> {
  const clean = cleanOrder(order);
  const refused = (reason: HotlineRefusal): HotlineTakeIn => ({
    outcome: 'refused',
    orderNumber: text(order.orderNumber),
    caseId: null,
    caseNumber: null,
    reason,
  });
  if (typeof clean === 'string') return refused(clean);
  const { districtCode } = ctx;
  const repo = createHotlineRepository(ctx.db);
  const existing = (): Promise<HotlineTakeIn | null> =>
    repo.orderCase(districtCode, clean.orderNumber).then((c) =>
      c
        ? {
            outcome: 'existing',
            orderNumber: clean.orderNumber,
            caseId: c.id,
            caseNumber: c.number,
            reason: null,
          }
        : null,
    );
  const before = await existing();
  if (before) return before;

  const names = ctx.names ?? (await routingNames(ctx.db, districtCode));
  const categoryId = clean.category ? matchCategory(clean.category, names.categories) : null;
  const place = clean.address ? matchPlace(clean.address, names.places) : null;
  const number = await nextCaseNumber(ctx.db, districtCode, ctx.now);
  const id = uuidv7();
  try {
    await runTransaction(ctx.db, async (trx) => {
      const hotline = createHotlineRepository(trx);
      // Read in the transaction: the place may have been removed since the names were read.
      const region =
        (place && (await hotline.region(districtCode, place.regionId))) ??
        (await hotline.districtRoot(districtCode));
      const row = newCaseRow({
        district_code: districtCode,
        id,
        number,
        channel: 'hotline_12345',
        kind: 'help',
        category_id: categoryId,
        title: hotlineTitle(clean.content),
        description: clean.content,
        region_id: region.id,
        region_path: region.path,
        address: clean.address,
        reporter_type: 'resident',
        reporter_name: clean.caller,
        reporter_phone_enc: clean.phone ? ctx.cipher.encrypt(clean.phone) : null,
        reporter_phone_hash: clean.phone ? ctx.cipher.hash(clean.phone) : null,
        submitted_by: ctx.by?.id ?? null,
        next_due_at: clean.deadlineAt,
        created_at: ctx.now,
        intake_level: intakeLevel({
          channel: 'hotline_12345',
          placePath: region.path,
          recorderPaths: [],
          hotlineLevel: await createCaseRulesRepository(trx).hotlineIntakeLevel(districtCode),
        }),
      });
      await recordNewCase(
        trx,
        row,
        { id: ctx.by?.id ?? null, name: ctx.by?.name ?? null, audit: ctx.audit },
        {
          eventDetail: { hotlineOrder: clean.orderNumber, source: ctx.source },
          alsoWrite: async () => {
            const fresh = await hotline.insertOrder({
              district_code: districtCode,
              order_number: clean.orderNumber,
              case_id: id,
              source: ctx.source,
              received_at: clean.receivedAt,
              deadline_at: clean.deadlineAt,
              raw: clean.raw,
              created_at: ctx.now,
            });
            if (!fresh) throw new AlreadyTaken();
            // The platform's clock runs from the call, to the limit it set.
            if (clean.deadlineAt) {
              await createCaseRepository(trx).startClock(
                districtCode,
                id,
                'hotline',
                clean.receivedAt,
                clean.deadlineAt,
              );
            }
          },
        },
      );
    });
  } catch (error) {
    if (!(error instanceof AlreadyTaken)) throw error;
    const taken = await existing();
    if (taken) return taken;
    throw error;
  }
  return { outcome: 'created', orderNumber: clean.orderNumber, caseId: id, caseNumber: number, reason: null };
}
