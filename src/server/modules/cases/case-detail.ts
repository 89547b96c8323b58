import type { Kysely } from 'kysely';
import { levelsPassed } from '../../../shared/cases/levels.ts';
import { unavailableActions } from '../../../shared/cases/workflow.ts';
import type { CaseDetail } from '../../../shared/domain/case.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { caseActor, caseFacts } from './case-actor.ts';
import { createCaseReadRepository } from './case-read.repository.ts';
import { handlingReach, iso, listItem, offeredActions, reporterView } from './case-views.ts';
import { createCaseRepository } from './cases.repository.ts';

/** The case page: the record, its timeline, clocks, tasks, extensions, files, links and the caller's actions. */
export async function caseDetail(
  db: Kysely<DB>,
  cipher: PiiCipher,
  principal: Principal,
  id: string,
): Promise<CaseDetail> {
  const scope = caseScopeFor(principal);
  const row = await createCaseRepository(db).findInScope(scope, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  const read = createCaseReadRepository(db);
  const d = row.district_code;
  const [names, crumbs, events, clocks, tasks, extensions, attachments, related] = await Promise.all([
    read.names(d, row),
    createRegionRepository(db).pathNodes(d, row.region_path),
    read.events(d, row.id),
    read.clocks(d, row.id),
    read.tasks(d, row.id),
    read.extensions(d, row.id),
    read.attachments(d, row.id),
    read.related(scope, row),
  ]);
  const { departmentIds } = handlingReach(principal);
  const myTasks = tasks.filter((t) => t.done_at === null && departmentIds.includes(t.department_id));
  const actor = caseActor(
    principal,
    row,
    myTasks.map((t) => t.department_id),
  );
  const region = crumbs.at(-1);
  return {
    ...listItem({
      ...row,
      category_name: names.category,
      category_name_en: names.categoryEn,
      region_name: region?.name ?? '',
      department_name: names.department,
      unit_region_name: names.unitRegion,
    }),
    description: row.description,
    listType: row.list_type as CaseDetail['listType'],
    categoryId: row.category_id,
    regionId: row.region_id,
    regionPath: crumbs.map((c) => ({ id: c.id, name: c.name })),
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    reporter: reporterView(row, cipher),
    firstResponder: row.first_responder_id
      ? { id: row.first_responder_id, name: names.responder ?? '' }
      : null,
    onSpot: row.on_spot,
    extensionPending: row.extension_pending,
    openTasks: row.open_tasks,
    escalations: row.escalations,
    intakeLevel: row.intake_level,
    levelsPassed: levelsPassed(
      { level: row.intake_level, at: new Date(row.created_at).toISOString() },
      events.flatMap((e) => {
        const level = (e.detail as { level?: unknown } | null)?.level;
        return e.action === 'escalate' && typeof level === 'number'
          ? [{ level, at: new Date(e.created_at).toISOString(), by: e.actor_name }]
          : [];
      }),
    ),
    ...related,
    clocks: clocks.map((c) => ({
      clock: c.clock as CaseDetail['clocks'][number]['clock'],
      startedAt: new Date(c.started_at).toISOString(),
      dueAt: new Date(c.due_at).toISOString(),
      stoppedAt: iso(c.stopped_at),
      overdueAt: iso(c.overdue_at),
      remindedAt: iso(c.reminded_at),
      supervisedAt: iso(c.supervised_at),
    })),
    events: events.map((e) => ({
      id: e.id,
      seq: e.seq,
      action: e.action,
      fromState: e.from_state as CaseDetail['events'][number]['fromState'],
      toState: e.to_state as CaseDetail['events'][number]['toState'],
      actorName: e.actor_name,
      reason: e.reason,
      detail: e.detail,
      createdAt: new Date(e.created_at).toISOString(),
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      departmentId: t.department_id,
      departmentName: t.department_name,
      role: t.role,
      reportDueAt: new Date(t.report_due_at).toISOString(),
      doneAt: iso(t.done_at),
      note: t.note,
    })),
    extensions: extensions.map((x) => ({
      id: x.id,
      workingDays: x.working_days,
      reason: x.reason,
      status: x.status,
      requestedAt: new Date(x.requested_at).toISOString(),
      decidedAt: iso(x.decided_at),
      decisionReason: x.decision_reason,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      sizeBytes: a.size_bytes,
      createdAt: new Date(a.created_at).toISOString(),
    })),
    actions: offeredActions(row, actor),
    unavailableActions: unavailableActions(caseFacts(row), actor),
  };
}
