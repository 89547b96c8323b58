import type { ApiError } from '../api/api-error.ts';

/** Which kind of answer failed: the password, a one-time or recovery code, or the new password. */
export type SignInStage = 'password' | 'code' | 'newPassword';

export interface SignInErrorMessage {
  /** An i18n key, with its interpolation values. */
  key: string;
  values?: Record<string, number>;
  /** Field-level reasons from the server (e.g. which password rule failed), shown as given. */
  details: string[];
}

/**
 * What to tell the person when a sign-in step is refused. A 401 here is an answer, not an
 * expiry: the same words for an unknown user and a wrong password (the server does the same),
 * and for a wrong, stale or reused code.
 */
export function signInErrorMessage(error: ApiError, stage: SignInStage): SignInErrorMessage {
  if (error.code === 'RATE_LIMITED') {
    return error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0
      ? { key: 'auth.rateLimitedFor', values: { seconds: error.retryAfterSeconds }, details: [] }
      : { key: 'auth.rateLimited', details: [] };
  }
  if (error.status === 401) {
    return { key: stage === 'password' ? 'auth.badCredentials' : 'auth.codeRejected', details: [] };
  }
  if (error.code === 'VALIDATION_FAILED') {
    const key =
      stage === 'newPassword'
        ? 'auth.passwordRejected'
        : stage === 'code'
          ? 'auth.codeRejected'
          : error.messageKey;
    return { key, details: stage === 'newPassword' ? error.issueMessages : [] };
  }
  return { key: error.messageKey, details: [] };
}
