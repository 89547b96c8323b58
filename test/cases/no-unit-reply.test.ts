import { describe, expect, it } from 'vitest';
import { caseKitPerFile } from '../notifications/case-kit.ts';

/**
 * A reply no unit gave (a dispatcher resolving a case on the spot) has nobody to hand it back to:
 * sent back, it returns to the dispatchers; re-handled after an unsatisfied rating, it needs a unit
 * named. Before, both left the case in progress with no handling unit, and nobody could reply.
 */
const NOW = new Date('2026-03-03T02:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const kit = caseKitPerFile();

const stateOf = async (id: string) =>
  (await kit.k.db.selectFrom('case_record').select('state').where('id', '=', id).executeTakeFirstOrThrow())
    .state;

describe('a reply no unit gave', () => {
  it('sent back, returns to the dispatchers, who may dispatch it', async () => {
    const { id } = await kit.k.submit('worker1', NOW);
    await kit.k.act('dispatcher', 'accept', id, at(1), {});
    await kit.k.act('dispatcher', 'resolve_on_spot', id, at(2), { reply: '已当场答复' });
    await kit.k.act('worker1', 'send_back', id, at(3), { reason: '答复不全，需要上门处理' });
    expect(await stateOf(id)).toBe('accepted');
    await kit.k.act('dispatcher', 'dispatch', id, at(4), { unit: { departmentId: kit.k.urbanOffice } });
    expect(await stateOf(id)).toBe('dispatched');
  });

  it('re-handled after an unsatisfied rating, needs a unit named', async () => {
    const { id } = await kit.k.submit('worker1', NOW);
    await kit.k.act('dispatcher', 'accept', id, at(1), {});
    await kit.k.act('dispatcher', 'resolve_on_spot', id, at(2), { reply: '已当场答复' });
    await kit.k.act('worker1', 'approve_reply', id, at(3), {});
    await kit.k.act('worker1', 'rate', id, at(4), { rating: 'unsatisfied' });
    await expect(kit.k.act('dispatcher', 'rehandle', id, at(5), {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await stateOf(id)).toBe('reopened');
    await kit.k.act('dispatcher', 'rehandle', id, at(6), { unit: { departmentId: kit.k.urbanOffice } });
    expect(await stateOf(id)).toBe('in_progress');
    await kit.k.act('handler', 'reply', id, at(7), { reply: '已上门处理' });
    expect(await stateOf(id)).toBe('replied');
  });
});
