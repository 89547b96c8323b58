import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS } from '../cases/workflow.ts';
import {
  hideStatusTokens,
  maskTimeline,
  parseStatusToken,
  type StatusEvent,
  statusUrl,
} from './resident-status.ts';

/** A secret that must never leave the masking, planted in every free-text field of the detail. */
const SECRET = '王科长13800001234';

const event: fc.Arbitrary<StatusEvent> = fc.record({
  action: fc.constantFrom(...CASE_ACTIONS, 'submit', 'overdue', 'supervise'),
  at: fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
  detail: fc.record(
    {
      note: fc.constant(SECRET),
      reason: fc.constant(SECRET),
      actorName: fc.constant(SECRET),
      unit: fc.constant({ departmentId: SECRET }),
      reply: fc.constantFrom('已修复。', '已处理完毕。'),
      message: fc.constantFrom('正在施工。', '本周内完成。'),
      rating: fc.constantFrom('satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'),
    },
    { requiredKeys: [] },
  ),
});

describe('the masked timeline', () => {
  it('never lets notes, reasons, names or units through, whatever the events', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        expect(JSON.stringify(maskTimeline(events))).not.toContain(SECRET);
      }),
    );
  });

  it('shows a reply only once approved, and never one sent back', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const { replies } = maskTimeline(events);
        const approvals = events.filter((e) => e.action === 'approve_reply').length;
        expect(replies.length).toBeLessThanOrEqual(approvals);
        for (const r of replies) expect(['已修复。', '已处理完毕。']).toContain(r.text);
      }),
    );
    const at = new Date('2026-12-06T01:00:00Z');
    const sentBack = maskTimeline([
      { action: 'reply', at, detail: { reply: '第一次答复' } },
      { action: 'send_back', at, detail: { reason: '不完整' } },
      { action: 'reply', at, detail: { reply: '第二次答复' } },
      { action: 'approve_reply', at, detail: {} },
    ]);
    expect(sentBack.replies.map((r) => r.text)).toEqual(['第二次答复']);
    expect(sentBack.steps.map((s) => s.kind)).toEqual(['replied']);
  });

  it('leaves an unreachable follow-up call out', () => {
    const at = new Date('2026-12-06T01:00:00Z');
    expect(maskTimeline([{ action: 'rate', at, detail: { rating: 'unreachable' } }]).steps).toEqual([]);
  });
});

describe('status tokens', () => {
  it('name their district, and nothing else parses', () => {
    expect(parseStatusToken('330109-abcdefghijklmnopqrstuvwx')).toEqual({ districtCode: '330109' });
    for (const bad of [
      '',
      '330109',
      '330109-abc',
      '33010-abcdefghijklmnopqrstuvwxy',
      '330109-abcdefghijklmnopqrstuvw!',
    ])
      expect(parseStatusToken(bad)).toBeNull();
  });

  it('are hidden from logged texts, their district kept', () => {
    const text = `查看：https://a.example/s/330109-abcdefghijklmnopqrstuvwx 谢谢`;
    expect(hideStatusTokens(text)).toBe('查看：https://a.example/s/330109-… 谢谢');
  });

  it('make absolute links on an origin, with or without its trailing slash', () => {
    const token = '330109-abcdefghijklmnopqrstuvwx';
    expect(statusUrl('https://a.example/', token)).toBe(`https://a.example/s/${token}`);
    expect(statusUrl(undefined, token)).toBe(`/s/${token}`);
  });
});
