import type { Kysely } from 'kysely';
import { CASE_STATES, type CaseState, TERMINAL_STATES } from '../../../shared/cases/workflow.ts';
import {
  OPEN311_MAX_REQUESTS,
  OPEN311_STATE_NOTES,
  open311Datetime,
  open311Status,
  open311Window,
  parseOpen311Datetime,
} from '../../../shared/domain/open311.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Jurisdiction } from './jurisdiction.ts';
import { createOpen311Repository, type Open311CaseRow } from './open311.repository.ts';
import { badRequest, notFound } from './open311-error.ts';
import type { Open311Value } from './open311-format.ts';
import { intParam, listParam, type Open311Params, param } from './open311-params.ts';

/** A service request as Open311 shows it: no reporter, no staff, the state in two words and a note. */
export function requestView(row: Open311CaseRow): Open311Value {
  const detail = jsonColumn<{ addressId?: unknown; mediaUrl?: unknown } | null>(row.detail) ?? {};
  const closed = open311Status(row.state) === 'closed';
  return {
    service_request_id: row.number,
    status: open311Status(row.state),
    status_notes: OPEN311_STATE_NOTES[row.state],
    service_name: row.category_name,
    service_code: row.category_code ?? '',
    description: row.description,
    agency_responsible: row.agency,
    service_notice: null,
    requested_datetime: open311Datetime(new Date(row.created_at)),
    updated_datetime: open311Datetime(new Date(closed && row.closed_at ? row.closed_at : row.updated_at)),
    expected_datetime: null,
    address: row.address,
    address_id: typeof detail.addressId === 'string' ? detail.addressId : null,
    zipcode: null,
    lat: row.latitude === null ? null : Number(row.latitude),
    long: row.longitude === null ? null : Number(row.longitude),
    media_url: typeof detail.mediaUrl === 'string' ? detail.mediaUrl : null,
  };
}

/** Case numbers carry their district; anything else cannot be a request of ours. */
const REQUEST_ID = /^\d{6}-\d{4}-\d{6,}$/;

/** A date parameter, refused (400) when it is not a W3C datetime with a zone. */
export function dateParam(params: Open311Params, name: string): Date | null {
  const text = param(params, name);
  if (text === undefined) return null;
  const at = parseOpen311Datetime(text);
  if (!at) throw badRequest(`${name} must be a W3C datetime with a time zone, e.g. 2026-01-01T00:00:00Z.`);
  return at;
}

function statesOf(statuses: string[] | undefined): CaseState[] | null {
  if (!statuses) return null;
  const bad = statuses.filter((s) => s !== 'open' && s !== 'closed');
  if (bad.length) throw badRequest('status must be open, closed or both.');
  const open = statuses.includes('open');
  const closed = statuses.includes('closed');
  if (open && closed) return null;
  return CASE_STATES.filter((s) => TERMINAL_STATES.has(s) === closed);
}

/**
 * GET requests: the Open311 cases of the district. service_request_id (a list) overrides every
 * other filter; else service_code, status and the window on requested_datetime (at most 90 days,
 * the last 90 by default), newest first, at most 1,000 per page (page and page_size extend it).
 */
export async function listRequests(
  db: Kysely<DB>,
  jurisdiction: Jurisdiction,
  params: Open311Params,
  now: Date,
): Promise<Open311Value[]> {
  const repo = createOpen311Repository(db);
  const ids = listParam(params, 'service_request_id');
  if (ids) {
    if (ids.length > OPEN311_MAX_REQUESTS)
      throw badRequest(`At most ${OPEN311_MAX_REQUESTS} service_request_id.`);
    const rows = await repo.casesByNumbers(
      jurisdiction.districtCode,
      ids.filter((id) => REQUEST_ID.test(id)),
    );
    return rows.map(requestView);
  }
  const window = open311Window(dateParam(params, 'start_date'), dateParam(params, 'end_date'), now);
  if ('error' in window) throw badRequest(window.error);
  const pageSize = intParam(params, 'page_size', OPEN311_MAX_REQUESTS) ?? OPEN311_MAX_REQUESTS;
  const page = intParam(params, 'page', 1_000_000) ?? 1;
  const rows = await repo.casesIn(jurisdiction.districtCode, {
    from: window.from,
    to: window.to,
    categoryCodes: listParam(params, 'service_code') ?? null,
    states: statesOf(listParam(params, 'status')),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return rows.map(requestView);
}

async function oneRequest(db: Kysely<DB>, jurisdiction: Jurisdiction, id: string): Promise<Open311CaseRow> {
  const [row] = REQUEST_ID.test(id)
    ? await createOpen311Repository(db).casesByNumbers(jurisdiction.districtCode, [id])
    : [];
  if (!row) throw notFound(`service_request_id ${id} was not found.`);
  return row;
}

/** GET requests/{id}: a list of one. */
export async function readRequest(
  db: Kysely<DB>,
  jurisdiction: Jurisdiction,
  id: string,
): Promise<Open311Value[]> {
  return [requestView(await oneRequest(db, jurisdiction, id))];
}

/**
 * GET tokens/{token}. Every service is realtime, so POST answers the request's id and never a
 * token; a client that asks anyway with an id gets it back as both, anything else is 404.
 */
export async function readToken(
  db: Kysely<DB>,
  jurisdiction: Jurisdiction,
  token: string,
): Promise<Open311Value[]> {
  const row = await oneRequest(db, jurisdiction, token).catch(() => {
    throw notFound(`token ${token} was not found.`);
  });
  return [{ service_request_id: row.number, token: row.number }];
}

/**
 * GET servicerequestupdates (the mySociety extension): each state change of an Open311 case in
 * the window, in words for the public, oldest first.
 */
export async function listUpdates(
  db: Kysely<DB>,
  jurisdiction: Jurisdiction,
  params: Open311Params,
  now: Date,
): Promise<Open311Value[]> {
  const window = open311Window(dateParam(params, 'start_date'), dateParam(params, 'end_date'), now);
  if ('error' in window) throw badRequest(window.error);
  const rows = await createOpen311Repository(db).stateChanges(
    jurisdiction.districtCode,
    window.from,
    window.to,
    OPEN311_MAX_REQUESTS,
  );
  return rows.map((e) => ({
    update_id: e.id,
    service_request_id: e.number,
    status: open311Status(e.to_state as CaseState),
    updated_datetime: open311Datetime(new Date(e.created_at)),
    description: OPEN311_STATE_NOTES[e.to_state as CaseState] ?? '',
    media_url: null,
    external_status_code: e.to_state,
  }));
}
