import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createUserRepository } from '../users/users.repository.ts';

/**
 * The approver of a full export must be another natural person than the requester (issue 10 §5).
 * An administrator who created an account, or reset its password or authenticator, knew its
 * credentials and may have signed in as its owner; so may whoever set the credentials of *that*
 * administrator's account. Each account therefore stands for a set of people who may act as it:
 * itself and, following "created or reset by" links made within the last `days` days, everyone
 * behind it. The approver is independent of the requester when the two sets share nobody.
 *
 * The one-time password and the password change at first sign-in do not stop an administrator
 * (they may do the first sign-in themselves); this rule does, for as long as `days` lasts.
 */

// Chains of administrators creating administrators are short; the bound only guards the loop.
const MAX_DEPTH = 32;

/** For each account, every account that may act as it (itself included). */
export async function possibleActors(
  db: Kysely<DB>,
  districtCode: string,
  userIds: readonly string[],
  days: number,
  now = new Date(),
): Promise<Map<string, Set<string>>> {
  const since = now.getTime() - days * 86_400_000;
  const recent = (by: string | null, at: Date | null): by is string =>
    by !== null && at !== null && new Date(at).getTime() >= since;
  const setters = new Map<string, string[]>();
  let frontier = [...new Set(userIds)];
  const repo = createUserRepository(db);
  for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH && days > 0; depth++) {
    const rows = await repo.credentialSetters(districtCode, frontier);
    const next = new Set<string>();
    for (const id of frontier) setters.set(id, []);
    for (const r of rows) {
      const by = [
        ...(recent(r.created_by, r.created_at) ? [r.created_by as string] : []),
        ...(recent(r.credentials_reset_by, r.credentials_reset_at) ? [r.credentials_reset_by as string] : []),
      ];
      setters.set(r.id, by);
      for (const b of by) if (!setters.has(b)) next.add(b);
    }
    frontier = [...next];
  }
  const result = new Map<string, Set<string>>();
  for (const start of userIds) {
    const actors = new Set<string>([start]);
    const stack = [start];
    while (stack.length > 0) {
      for (const b of setters.get(stack.pop() as string) ?? []) {
        if (!actors.has(b)) {
          actors.add(b);
          stack.push(b);
        }
      }
    }
    result.set(start, actors);
  }
  return result;
}

/** The requesters (of those given) whose requests the approver may not approve. */
export async function dependentRequesters(
  db: Kysely<DB>,
  districtCode: string,
  approverId: string,
  requesterIds: readonly string[],
  days: number,
): Promise<Set<string>> {
  const actors = await possibleActors(db, districtCode, [approverId, ...requesterIds], days);
  const approverActors = actors.get(approverId) ?? new Set([approverId]);
  return new Set(
    requesterIds.filter((id) => [...(actors.get(id) ?? [id])].some((a) => approverActors.has(a))),
  );
}
