import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { signInErrorMessage } from './sign-in-errors.ts';

const problem = (
  code: 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'VALIDATION_FAILED',
  status: number,
  messages: string[] = [],
) =>
  ApiError.fromProblem({
    type: 'about:blank',
    title: code,
    status,
    code,
    messageKey: `errors.${code}`,
    ...(messages.length > 0
      ? { errors: messages.map((message) => ({ path: 'body.newPassword', reason: 'policy', message })) }
      : {}),
  });

describe('signInErrorMessage', () => {
  it('says "wrong username or password" for a refused password, and "wrong code" for a refused code', () => {
    expect(signInErrorMessage(problem('UNAUTHENTICATED', 401), 'password')).toEqual({
      key: 'auth.badCredentials',
      details: [],
    });
    expect(signInErrorMessage(problem('UNAUTHENTICATED', 401), 'code').key).toBe('auth.codeRejected');
  });

  it('says how long to wait when throttled and the server said', () => {
    const limited = new ApiError('RATE_LIMITED', { status: 429, retryAfterSeconds: 42 });
    expect(signInErrorMessage(limited, 'password')).toEqual({
      key: 'auth.rateLimitedFor',
      values: { seconds: 42 },
      details: [],
    });
    expect(signInErrorMessage(problem('RATE_LIMITED', 429), 'code').key).toBe('auth.rateLimited');
  });

  it("lists the password policy's reasons for a refused new password", () => {
    const refused = problem('VALIDATION_FAILED', 422, ['too common', 'needs a symbol']);
    expect(signInErrorMessage(refused, 'newPassword')).toEqual({
      key: 'auth.passwordRejected',
      details: ['too common', 'needs a symbol'],
    });
    expect(signInErrorMessage(refused, 'code')).toEqual({ key: 'auth.codeRejected', details: [] });
  });

  it('falls back to the generic message for anything else', () => {
    const down = ApiError.fromStatus(503);
    expect(signInErrorMessage(down, 'password')).toEqual({ key: 'errors.serviceUnavailable', details: [] });
    expect(signInErrorMessage(new ApiError('NETWORK', { status: 0 }), 'code').key).toBe('errors.network');
  });
});
