import type { Permission } from '../../../src/shared/auth/roles.ts';
import type { TestApp } from '../../support/app.ts';
import type { Method } from '../../support/auth.ts';

/**
 * The accounts the matrix walks, in order (each against fixtures a and b): the administrators, the
 * street's leader, dispatcher, enterprise liaison and supervisor, a community's grid worker each,
 * and a street office's case handler (a department grant: it reaches regions by place, and
 * households, visits or cases never by place).
 */
export const MATRIX_ACCOUNTS = [
  'sysadmin',
  'secadmin',
  'auditor',
  'leader',
  'dispatcher',
  'worker1',
  'worker2',
  'liaison',
  'supervisor',
  'handler',
  // Refused every route but the province's figures.
  'province',
] as const;

/** The objects of one community the matrix aims every route at (one inside and one outside a scope). */
export interface Fixture {
  community: { id: string; path: string };
  /** A grid of the community. */
  grid: { id: string; path: string };
  household: string;
  member: string;
  enterprise: string;
}

export interface RecipeRequest {
  method: Method;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * For routes where the case workflow decides who may act beyond the permission: the accounts
   * expected to succeed; the others holding the permission, in scope, get 403.
   */
  allowedFor?: readonly string[];
  /** The route reaches no object in the hierarchy (e.g. one's own saved views): no 404 by scope. */
  unscoped?: boolean;
  /**
   * The object is a region named as a filter of a list: a department grant, which reads its node's
   * geography, may name it and is then shown only what its department reaches.
   */
  namesRegion?: boolean;
}

export interface RecipeContext {
  t: TestApp;
  /** A number never returned before in this run, for unique names and codes. */
  unique(): number;
  /** Ids of demo accounts by username (e.g. to name an owner or a liaison). */
  userId(username: string): string;
  /** The account the request is sent as, where the runner knows it (for rows only their creator reads). */
  caller?: string;
}

/**
 * How to call one route against a fixture. A recipe may prepare what it needs first (a plan to
 * update, a request to approve) through `ctx.t.database.db`; it is called once per account and
 * fixture, so anything it creates must be fresh each time.
 */
export type Recipe = (f: Fixture, ctx: RecipeContext) => RecipeRequest | Promise<RecipeRequest>;

export interface RecipeModule {
  recipes: Record<string, Recipe>;
  /**
   * Permissions whose routes are not limited to a place in the hierarchy (accounts, the audit log,
   * the organisation's lists): anyone holding them gets 2xx for either fixture.
   */
  districtWide?: readonly Permission[];
}
