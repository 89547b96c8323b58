import { describe, expect, it } from 'vitest';
import { toCreateVisit, type VisitDraft } from './visit-draft.ts';

const HOUSEHOLD = '0190f6a2-1b2c-7d3e-8f40-123456789abc';
const base: VisitDraft = {
  form: 'routine',
  target: { type: 'household', householdId: HOUSEHOLD },
  startedAt: new Date('2026-11-22T02:00:00Z'),
  endedAt: null,
  checkIn: null,
  notes: '老人身体尚好',
  services: ['policy_explained'],
  keyRecord: null,
  issues: [],
};

describe('the visit form as the server takes it', () => {
  it('sends one opinion per non-blank line, and none for a draft queued before opinions', () => {
    const parsed = toCreateVisit({ ...base, opinions: ' 希望增设老年食堂 \n\n建议加装电梯\n  ' });
    expect(parsed.success && parsed.data.opinions).toEqual([
      { text: '希望增设老年食堂' },
      { text: '建议加装电梯' },
    ]);
    const old = toCreateVisit(base);
    expect(old.success && old.data.opinions).toEqual([]);
  });

  it('sends the aid typed beside ticked services only, none from a draft queued before amounts', () => {
    const parsed = toCreateVisit({
      ...base,
      services: ['policy_explained', 'help_delivered'],
      // Blank beside one service, and an amount left beside a service since unticked.
      aidAmounts: { help_delivered: 300.5, policy_explained: null, referral: 80 },
    });
    expect(parsed.success && parsed.data.aidAmounts).toEqual({ help_delivered: 300.5 });
    const old = toCreateVisit(base);
    expect(old.success && old.data.aidAmounts).toBeUndefined();
    // The server's own bounds hold before the visit is queued.
    expect(toCreateVisit({ ...base, aidAmounts: { policy_explained: 1.005 } }).success).toBe(false);
  });

  it('ends an open visit when it is saved, never before it started', () => {
    const saved = toCreateVisit(base, new Date('2026-11-22T02:30:00Z'));
    expect(saved.success && saved.data.endedAt).toBe('2026-11-22T02:30:00.000Z');
    const early = toCreateVisit(base, new Date('2026-11-22T01:00:00Z'));
    expect(early.success && early.data.endedAt).toBe('2026-11-22T02:00:00.000Z');
  });

  it('sends a resolution only with an issue resolved on the spot, and refuses one without it', () => {
    const parsed = toCreateVisit({
      ...base,
      issues: [
        {
          title: '路灯坏了',
          description: '楼下路灯不亮',
          kind: 'help',
          urgency: 'ordinary',
          resolvedOnSpot: false,
          resolution: 'x',
        },
        {
          title: '垃圾',
          description: '楼道堆物',
          kind: 'help',
          urgency: 'ordinary',
          resolvedOnSpot: true,
          resolution: '已清理',
        },
      ],
    });
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.issues.map((i) => i.resolution)).toEqual([undefined, '已清理']);
    const missing = toCreateVisit({
      ...base,
      issues: [{ title: 't', description: 'd', kind: 'help', urgency: 'ordinary', resolvedOnSpot: true }],
    });
    expect(missing.success).toBe(false);
  });

  it('sends the five-musts record only when written, and then whole', () => {
    expect(toCreateVisit({ ...base, keyRecord: { basicSituation: ' ' } }).success && 'sent').toBe('sent');
    const blank = toCreateVisit({ ...base, keyRecord: { basicSituation: ' ' } });
    expect(blank.success && blank.data.keyRecord).toBeUndefined();
    expect(toCreateVisit({ ...base, keyRecord: { basicSituation: '独居' } }).success).toBe(false);
  });

  it('refuses a visit without notes or ending before it started', () => {
    expect(toCreateVisit({ ...base, notes: '  ' }).success).toBe(false);
    expect(toCreateVisit({ ...base, endedAt: new Date('2026-11-22T01:00:00Z') }).success).toBe(false);
  });
});
