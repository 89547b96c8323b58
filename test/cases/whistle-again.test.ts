import { describe, expect, it } from 'vitest';
import { caseKitPerFile } from '../notifications/case-kit.ts';

/**
 * 吹哨 twice (migration 20261207T1910): a department whose task on a case is done may be summoned
 * to it again, as a reopened case often needs; one still working on it may not be summoned twice.
 */
const NOW = new Date('2026-03-02T02:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const kit = caseKitPerFile();

describe('summoning a department again', () => {
  it('takes a department back once its task is done, never while it is open', async () => {
    const { id } = await kit.k.submit('worker1', NOW);
    await kit.k.act('dispatcher', 'accept', id, later(1), {});
    await kit.k.act('dispatcher', 'dispatch', id, later(2), { unit: { departmentId: kit.k.urbanOffice } });
    await kit.k.act('handler', 'sign', id, later(3), {});
    const summon = (minutes: number) =>
      kit.k.act('dispatcher', 'whistle', id, later(minutes), {
        leadDepartmentId: kit.k.lawEnforcement,
        assistDepartmentIds: [],
        reportWithinMinutes: 30,
      });
    const tasks = () =>
      kit.k.db
        .selectFrom('case_task')
        .select(['id', 'done_at'])
        .where('case_id', '=', id)
        .orderBy('created_at')
        .execute();

    await summon(4);
    await expect(summon(5)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const [first] = await tasks();
    await kit.k.act('handler2', 'complete_task', id, later(6), {
      taskId: first?.id as string,
      note: '已到场处置',
    });
    await summon(7);
    const both = await tasks();
    expect(both.map((x) => x.done_at === null)).toEqual([false, true]);
    const row = await kit.k.db
      .selectFrom('case_record')
      .select(['open_tasks', 'whistles'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([Number(row.open_tasks), Number(row.whistles)]).toEqual([1, 2]);
  });
});
