import type { Kysely } from 'kysely';
import type { Example, ExampleState } from '../../../shared/domain/examples.ts';
import { dateColumn } from '../../db/date-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor, scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { exampleInReach, exampleView } from './example-subject.ts';
import { createExampleRepository } from './examples.repository.ts';

const LIST_LIMIT = 200;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The examples below a place whose case or visit the caller reads, newest proposal first. */
export async function listExamples(
  db: Kysely<DB>,
  principal: Principal,
  query: { regionId: string; state?: ExampleState | undefined },
): Promise<{ items: Omit<Example, 'photos'>[] }> {
  // The place is named as geography (a department reads its node's); the rows are then limited
  // to the cases and visits the caller reads.
  const place = await regionInScope(
    createRegionRepository(db),
    scopeFor(principal, 'regions:read'),
    query.regionId,
  );
  const rows = await createExampleRepository(db).list(
    caseScopeFor(principal),
    scopeFor(principal, 'visits:read'),
    place.path,
    query.state,
    LIST_LIMIT,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      subject: {
        kind: r.subject_kind,
        id: r.subject_id,
        number: r.case_number ?? null,
        day: dateColumn(r.subject_day),
      },
      regionName: r.region_name ?? '',
      title: r.title,
      story: r.story,
      state: r.state,
      unitName: r.unit_name,
      proposedAt: new Date(r.proposed_at).toISOString(),
      publishedAt: iso(r.published_at),
      withdrawReason: r.withdraw_reason,
    })),
  };
}

/** One example, with the subject's photos to choose from, if the caller reads its subject. */
export async function readExample(db: Kysely<DB>, principal: Principal, id: string): Promise<Example> {
  const { row, subject } = await exampleInReach(db, principal, id);
  return exampleView(db, row, subject);
}
