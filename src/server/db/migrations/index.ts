import type { Migration } from 'kysely/migration';
import * as foundation from './20261122T0400_foundation.ts';
import * as access from './20261122T0520_access.ts';
import * as records from './20261122T0640_records.ts';
import * as cases from './20261122T0900_cases.ts';
import * as visits from './20261122T1000_visits.ts';

/**
 * The ordered, append-only list of migrations shared by both engines. Add a new file named
 * `<UTC timestamp>_<what>.ts` and list it here; never edit or remove a migration that has landed.
 */
export const migrations: Record<string, Migration> = {
  '20261122T0400_foundation': foundation,
  '20261122T0520_access': access,
  '20261122T0640_records': records,
  '20261122T0900_cases': cases,
  '20261122T1000_visits': visits,
};
