import { describe, expect, it } from 'vitest';
import { actionChoices, auditQueryParams } from './audit-filters.ts';

describe('audit filters', () => {
  it('sends only what is set, with the page', () => {
    expect(auditQueryParams({}).toString()).toBe('limit=50');
    expect(
      auditQueryParams(
        {
          actor: ' worker1 ',
          action: 'auth.',
          result: 'failure',
          objectId: '',
          from: '2026-01-01T00:00:00.000Z',
        },
        'WyIyMDI2Il0',
        10,
      ).toString(),
    ).toBe(
      'from=2026-01-01T00%3A00%3A00.000Z&actor=worker1&action=auth.&result=failure&before=WyIyMDI2Il0&limit=10',
    );
  });

  it('offers each kind of action with more than one member, then every action', () => {
    expect(
      actionChoices(['user.created', 'auth.totp', 'auth.password', 'retention.run', 'user.deactivated', 'x']),
    ).toEqual({
      groups: ['auth.', 'user.'],
      actions: ['auth.password', 'auth.totp', 'retention.run', 'user.created', 'user.deactivated', 'x'],
    });
  });
});
