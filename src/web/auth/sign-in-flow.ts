import type { LoginStep } from '../../shared/domain/auth.ts';

/** Why the sign-in page is showing: a fresh visit, a sign-out, or a session the server ended. */
export type SignInNotice = 'signedOut' | 'expired' | 'restarted';

/**
 * Where the person is in signing in. The server decides the order (its `next` answers); this only
 * adds the client's own screens: the recovery codes shown once after enrolment, and the choice of
 * a recovery code instead of the authenticator.
 */
export type SignInState =
  | { step: 'password'; notice?: SignInNotice | undefined }
  | { step: 'totp' }
  | { step: 'recovery' }
  | { step: 'enroll' }
  | { step: 'recoveryCodes'; codes: readonly string[]; next: LoginStep }
  | { step: 'changePassword' }
  | { step: 'done' };

export type SignInEvent =
  /** A step (password, code, recovery code, new password) was accepted; the server says what follows. */
  | { type: 'accepted'; next: LoginStep }
  /** The authenticator was enrolled; the recovery codes must be shown before going on. */
  | { type: 'enrolled'; next: LoginStep; recoveryCodes: readonly string[] }
  | { type: 'codesSaved' }
  | { type: 'useRecoveryCode' }
  | { type: 'useAuthenticator' }
  /** Back to the password, e.g. when the half-finished sign-in has expired on the server. */
  | { type: 'restart'; notice?: SignInNotice };

export function initialSignIn(notice?: SignInNotice): SignInState {
  return { step: 'password', notice };
}

/** The screen for the server's `next`. */
export function stateFor(next: LoginStep): SignInState {
  switch (next) {
    case 'totp':
      return { step: 'totp' };
    case 'enroll':
      return { step: 'enroll' };
    case 'change_password':
      return { step: 'changePassword' };
    case 'done':
      return { step: 'done' };
  }
}

/** The step machine; events that make no sense in the current step leave it unchanged. */
export function signInReducer(state: SignInState, event: SignInEvent): SignInState {
  switch (event.type) {
    case 'accepted':
      return state.step === 'done' ? state : stateFor(event.next);
    case 'enrolled':
      if (state.step !== 'enroll') return state;
      // Codes are only shown when there are some; an empty list goes straight on.
      return event.recoveryCodes.length > 0
        ? { step: 'recoveryCodes', codes: [...event.recoveryCodes], next: event.next }
        : stateFor(event.next);
    case 'codesSaved':
      return state.step === 'recoveryCodes' ? stateFor(state.next) : state;
    case 'useRecoveryCode':
      return state.step === 'totp' ? { step: 'recovery' } : state;
    case 'useAuthenticator':
      return state.step === 'recovery' ? { step: 'totp' } : state;
    case 'restart':
      return initialSignIn(event.notice);
  }
}

/** A one-time code as typed: spaces and dashes some authenticators show are dropped. */
export function normalizeOtp(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function isOtp(input: string): boolean {
  return /^\d{6}$/.test(normalizeOtp(input));
}

/** The base32 secret in groups of four, easier to type into an authenticator by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
