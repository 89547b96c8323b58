import { describe, expect, it } from 'vitest';
import {
  groupSecret,
  initialSignIn,
  isOtp,
  normalizeOtp,
  type SignInEvent,
  type SignInState,
  signInReducer,
  stateFor,
} from './sign-in-flow.ts';

const run = (events: SignInEvent[], from: SignInState = initialSignIn()) =>
  events.reduce(signInReducer, from);

describe('the sign-in step machine', () => {
  it('follows the server from the password to the authenticator code and done', () => {
    expect(run([{ type: 'accepted', next: 'totp' }])).toEqual({ step: 'totp' });
    expect(
      run([
        { type: 'accepted', next: 'totp' },
        { type: 'accepted', next: 'done' },
      ]),
    ).toEqual({ step: 'done' });
  });

  it('enrols, shows the recovery codes once, then goes where the server said', () => {
    const enrolling = run([{ type: 'accepted', next: 'enroll' }]);
    expect(enrolling).toEqual({ step: 'enroll' });
    const codes = signInReducer(enrolling, {
      type: 'enrolled',
      next: 'change_password',
      recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'],
    });
    expect(codes).toEqual({
      step: 'recoveryCodes',
      codes: ['aaaa-bbbb', 'cccc-dddd'],
      next: 'change_password',
    });
    const changing = signInReducer(codes, { type: 'codesSaved' });
    expect(changing).toEqual({ step: 'changePassword' });
    expect(signInReducer(changing, { type: 'accepted', next: 'done' })).toEqual({ step: 'done' });
  });

  it('skips the codes screen when enrolment gave none', () => {
    expect(
      run([
        { type: 'accepted', next: 'enroll' },
        { type: 'enrolled', next: 'done', recoveryCodes: [] },
      ]),
    ).toEqual({ step: 'done' });
  });

  it('switches between the authenticator and a recovery code only on those steps', () => {
    const totp = run([{ type: 'accepted', next: 'totp' }]);
    const recovery = signInReducer(totp, { type: 'useRecoveryCode' });
    expect(recovery).toEqual({ step: 'recovery' });
    expect(signInReducer(recovery, { type: 'useAuthenticator' })).toEqual({ step: 'totp' });
    expect(signInReducer(recovery, { type: 'accepted', next: 'done' })).toEqual({ step: 'done' });
    // Nonsense for the step: unchanged.
    expect(signInReducer(initialSignIn(), { type: 'useRecoveryCode' })).toEqual(initialSignIn());
    expect(signInReducer(totp, { type: 'codesSaved' })).toBe(totp);
    expect(signInReducer(totp, { type: 'enrolled', next: 'done', recoveryCodes: ['x'] })).toBe(totp);
  });

  it('restarts at the password from any step, with the reason to show', () => {
    for (const state of [
      stateFor('totp'),
      stateFor('enroll'),
      stateFor('change_password'),
      { step: 'recovery' } as const,
    ]) {
      expect(signInReducer(state, { type: 'restart', notice: 'restarted' })).toEqual({
        step: 'password',
        notice: 'restarted',
      });
    }
    expect(initialSignIn('expired')).toEqual({ step: 'password', notice: 'expired' });
  });

  it('stays done once done', () => {
    const done = stateFor('done');
    expect(signInReducer(done, { type: 'accepted', next: 'totp' })).toBe(done);
  });
});

describe('one-time code input', () => {
  it('accepts six digits, ignoring the spaces and dashes authenticators show', () => {
    expect(normalizeOtp(' 123 456 ')).toBe('123456');
    expect(normalizeOtp('123-456')).toBe('123456');
    expect(isOtp('123 456')).toBe(true);
    expect(isOtp('12345')).toBe(false);
    expect(isOtp('12345a')).toBe(false);
    expect(isOtp('1234567')).toBe(false);
  });

  it('groups the secret in fours for typing by hand', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(groupSecret('AB CD')).toBe('ABCD');
  });
});
