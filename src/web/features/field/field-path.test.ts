import { describe, expect, it } from 'vitest';
import { fieldPaths, parseFieldPath } from './field-path.ts';

const ID = '0190f6a2-1b2c-7d3e-8f40-123456789abc';

describe('field app paths', () => {
  it('round-trips every page through its path', () => {
    expect(parseFieldPath(fieldPaths.home())).toEqual({ page: 'home', tab: 'today' });
    expect(parseFieldPath(fieldPaths.home('outbox'))).toEqual({ page: 'home', tab: 'outbox' });
    expect(parseFieldPath(fieldPaths.home('find'))).toEqual({ page: 'home', tab: 'find' });
    expect(parseFieldPath(`${fieldPaths.home('cases')}/`)).toEqual({ page: 'home', tab: 'cases' });
    expect(parseFieldPath(fieldPaths.card('household', ID))).toEqual({
      page: 'card',
      type: 'household',
      id: ID,
    });
    expect(parseFieldPath(fieldPaths.visit('enterprise', ID))).toEqual({
      page: 'visit',
      type: 'enterprise',
      id: ID,
    });
  });

  it('refuses unknown pages, kinds and malformed ids', () => {
    expect(parseFieldPath('/field/elsewhere')).toEqual({ page: 'notFound' });
    expect(parseFieldPath(`/field/forum/${ID}`)).toEqual({ page: 'notFound' });
    expect(parseFieldPath('/field/household/not-an-id')).toEqual({ page: 'notFound' });
    expect(parseFieldPath(`/field/visit/household/${ID}/extra`)).toEqual({ page: 'notFound' });
  });
});
