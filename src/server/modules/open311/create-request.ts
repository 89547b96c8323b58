import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { CASE_LEVELS, intakeLevel } from '../../../shared/cases/levels.ts';
import { CASE_KINDS, type CaseKind } from '../../../shared/domain/case.ts';
import { normaliseMobilePhone } from '../../../shared/validation/phone.ts';
import { textSchema } from '../../../shared/validation/text.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import { perDatabase } from '../../db/per-database.ts';
import type { DB } from '../../db/schema.ts';
import { createAuthRepository } from '../auth/auth.repository.ts';
import { readAtVersion } from '../auth/versioned-cache.ts';
import { nextCaseNumber } from '../cases/case-numbers.ts';
import { newCaseRow, recordNewCase } from '../cases/record-new-case.ts';
import { issueStatusLink } from '../resident-status/issue-status-link.ts';
import { districtOfKey, hashApiKey } from './api-keys.ts';
import { resolveJurisdiction } from './jurisdiction.ts';
import type { KeyRateLimit } from './key-rate-limit.ts';
import { createOpen311Repository, OPEN311_CHANNEL } from './open311.repository.ts';
import { badRequest, forbidden, notFound, Open311Error } from './open311-error.ts';
import type { Open311Value } from './open311-format.ts';
import { attributeParams, type Open311Params, param } from './open311-params.ts';
import { DEFAULT_KIND, KIND_ATTRIBUTE } from './read-services.ts';
import { placeRequest } from './route-request.ts';

export interface CreateRequestContext {
  db: Kysely<DB>;
  cipher: PiiCipher;
  limit: KeyRateLimit;
  sourceIp: string | null;
  /** Where the resident's status link points (the deployment's public origin). */
  origin: string;
  now: Date;
}

const description = textSchema(4000);
const name = textSchema(50);
const address = textSchema(200);

/** A text field checked as the product's own forms check it (no control or bidi characters). */
function text(schema: typeof description, value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(`${field} is too long or holds characters that are not allowed.`);
  return parsed.data;
}

function coordinate(value: string | undefined, field: 'lat' | 'long'): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const max = field === 'lat' ? 90 : 180;
  if (!/^-?\d+(\.\d+)?$/.test(value) || Math.abs(n) > max)
    throw badRequest(`${field} must be a WGS84 ${field === 'lat' ? 'latitude' : 'longitude'}.`);
  return n;
}

function mediaUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > 500 || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw badRequest('media_url must be an http(s) URL of at most 500 characters.');
  return value;
}

/**
 * The client a key belongs to, or 403: no key, a key of no client, a revoked client. The
 * district's auth version is read first (the key names its district), and a live client is kept
 * under it (auth/versioned-cache.ts): revoking a key bumps the version, so its next request on any
 * server is refused. Returns the version too: the request's other reads are kept under it.
 */
async function clientOf(db: Kysely<DB>, params: Open311Params) {
  const key = param(params, 'api_key');
  if (key === undefined) throw forbidden('api_key is missing -- cannot create a service request.');
  const districtCode = districtOfKey(key);
  if (!districtCode) throw forbidden("Invalid api_key received -- can't proceed with create_request.");
  const at = { districtCode, authVersion: await createAuthRepository(db).authEpoch(districtCode) };
  const hash = hashApiKey(key);
  const client = await readAtVersion(
    db,
    at,
    `open311-client:${Buffer.from(hash).toString('hex')}`,
    () => createOpen311Repository(db).clientByKeyHash(districtCode, hash),
    (found) => found.revoked_at === null,
  );
  if (!client || client.revoked_at !== null)
    throw forbidden("Invalid api_key received -- can't proceed with create_request.");
  return { client, at };
}

/** When this process last marked each client used (`touchClient` writes at most once a minute). */
const TOUCH_EVERY_MS = 60_000;
const touched = perDatabase<number>();

async function touchClient(db: Kysely<DB>, districtCode: string, id: string, now: Date): Promise<void> {
  const last = touched(db);
  if (now.getTime() - (last.get(id) ?? 0) < TOUCH_EVERY_MS) return;
  last.set(id, now.getTime());
  await createOpen311Repository(db).touchClient(districtCode, id, now);
}

/**
 * POST requests: a client's service request becomes a case as the public form's report does
 * (report-publicly.ts: a case number, the intake level, the one case-change path with its audit
 * row), with channel `api` and the client's name on the record. It is filed at the place its
 * point or address names, else at the district for its dispatchers to route. With a phone, the
 * resident gets a status link by text, and the answer's service_notice carries it.
 */
export async function createRequest(
  ctx: CreateRequestContext,
  params: Open311Params,
): Promise<Open311Value[]> {
  const { client, at } = await clientOf(ctx.db, params);
  const given = param(params, 'jurisdiction_id');
  // The key names its district: without jurisdiction_id, that one (even where several are served),
  // kept under the version like the client; another district is read only to answer 403 or 404.
  const jurisdiction =
    given === undefined || given === client.district_code
      ? await readAtVersion(ctx.db, at, 'open311-jurisdiction', () =>
          resolveJurisdiction(ctx.db, client.district_code),
        )
      : await resolveJurisdiction(ctx.db, given);
  if (!jurisdiction) throw notFound('No jurisdiction is served here.');
  if (jurisdiction.districtCode !== client.district_code)
    throw forbidden('This api_key is not valid for that jurisdiction_id.');
  if (!ctx.limit.take(client.id, ctx.now.getTime()))
    throw new Open311Error(429, 'Too many requests with this api_key; try again in a minute.');

  const serviceCode = param(params, 'service_code');
  if (serviceCode === undefined) throw badRequest('service_code is required.');
  const category = await readAtVersion(ctx.db, at, `open311-service:${serviceCode}`, () =>
    createOpen311Repository(ctx.db).activeCategoryByCode(jurisdiction.districtCode, serviceCode),
  );
  if (!category) throw notFound(`service_code ${serviceCode} was not found.`);

  const lat = coordinate(param(params, 'lat'), 'lat');
  const long = coordinate(param(params, 'long'), 'long');
  if ((lat === undefined) !== (long === undefined)) throw badRequest('lat and long go together.');
  const addressString = text(address, param(params, 'address_string')?.slice(0, 200), 'address_string');
  const addressId = text(address, param(params, 'address_id'), 'address_id');
  if (lat === undefined && addressString === undefined && addressId === undefined)
    throw badRequest('A location is required: lat and long, address_string or address_id.');

  const kindValues = attributeParams(params).get(KIND_ATTRIBUTE);
  if (kindValues && kindValues.length > 1) throw badRequest(`attribute[${KIND_ATTRIBUTE}] takes one value.`);
  const kind = (kindValues?.[0] ?? DEFAULT_KIND) as CaseKind;
  if (!CASE_KINDS.includes(kind))
    throw badRequest(`attribute[${KIND_ATTRIBUTE}] must be one of ${CASE_KINDS.join(', ')}.`);

  const phoneText = param(params, 'phone');
  const phone = phoneText === undefined ? null : normaliseMobilePhone(phoneText);
  if (phoneText !== undefined && phone === null) throw badRequest('phone must be a mainland mobile number.');
  const reporterName = text(
    name,
    [param(params, 'last_name'), param(params, 'first_name')].filter(Boolean).join('') || undefined,
    'first_name and last_name',
  );
  const body = text(description, param(params, 'description'), 'description') ?? category.name;
  const media = mediaUrl(param(params, 'media_url'));

  const place = await placeRequest(ctx.db, jurisdiction, {
    ...(lat !== undefined && long !== undefined ? { lat, long } : {}),
    ...(addressString ? { address: addressString } : {}),
  });
  const districtCode = jurisdiction.districtCode;
  const number = await nextCaseNumber(ctx.db, districtCode, ctx.now);
  const id = uuidv7();
  let notice: string | null = null;
  // Outside a transaction: the case, its status link and the rest are one statement with the
  // audit row, one round trip and one commit (docs/adr/0004-one-statement-intake.md). The reads
  // above were made unlocked, as a transaction in READ COMMITTED would have made them.
  const row = newCaseRow({
    district_code: districtCode,
    id,
    number,
    channel: OPEN311_CHANNEL,
    category_id: category.id,
    kind,
    title: category.name.slice(0, 100),
    description: body,
    region_id: place.regionId,
    region_path: place.regionPath,
    address: addressString ?? null,
    latitude: lat ?? null,
    longitude: long ?? null,
    reporter_type: phone || reporterName ? 'resident' : 'anonymous',
    reporter_name: reporterName ?? null,
    reporter_phone_enc: phone ? ctx.cipher.encrypt(phone) : null,
    reporter_phone_hash: phone ? ctx.cipher.hash(phone) : null,
    created_at: ctx.now,
    // A placed request arrives where a report of that place would; an unplaced one at the district.
    intake_level: intakeLevel({
      channel: OPEN311_CHANNEL,
      placePath: place.regionPath,
      recorderPaths: place.matched ? [place.regionPath] : [],
      hotlineLevel: CASE_LEVELS.street,
    }),
  });
  await recordNewCase(
    ctx.db,
    row,
    {
      id: null,
      name: client.name,
      audit: { districtCode, username: `open311:${client.name}`, sourceIp: ctx.sourceIp },
      // The dispatchers to notify are kept under it, as for a staff intake.
      authVersion: at.authVersion,
    },
    {
      eventDetail: {
        open311Client: client.id,
        ...(addressId ? { addressId } : {}),
        ...(media ? { mediaUrl: media } : {}),
      },
      alsoWrite: async (batch) => {
        if (phone) {
          const link = await issueStatusLink(
            ctx.db,
            { districtCode, caseId: id, caseNumber: number, phone, now: ctx.now },
            batch,
          );
          notice = `进度查询：${ctx.origin}${link.path}`;
        }
      },
    },
  );
  // After the case commits: bookkeeping, not part of the request.
  await touchClient(ctx.db, districtCode, client.id, ctx.now);
  return [{ service_request_id: number, service_notice: notice }];
}
