import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.ts';
import { conflictingDuties, permissionsOf } from './roles.ts';

describe('roles', () => {
  it('refuses any two of the three administrator duties together (三员)', () => {
    expect(conflictingDuties(['sysadmin'])).toEqual([]);
    expect(conflictingDuties(['sysadmin', 'sysadmin'])).toEqual([]);
    expect(conflictingDuties(['sysadmin', 'auditor']).sort()).toEqual(['auditor', 'sysadmin']);
    expect(conflictingDuties(['secadmin', 'auditor', 'grid_worker']).sort()).toEqual([
      'auditor',
      'grid_worker',
      'secadmin',
    ]);
  });

  it('refuses an administrator duty with any business role, and lets business roles combine', () => {
    expect(conflictingDuties(['secadmin', 'leader']).sort()).toEqual(['leader', 'secadmin']);
    expect(conflictingDuties(['sysadmin', 'leader']).sort()).toEqual(['leader', 'sysadmin']);
    expect(conflictingDuties(['auditor', 'supervisor']).sort()).toEqual(['auditor', 'supervisor']);
    expect(conflictingDuties(['leader', 'grid_worker', 'cadre'])).toEqual([]);
  });

  it('keeps the audit log readable only by auditors and personal data away from administrators', () => {
    for (const role of ['sysadmin', 'secadmin', 'leader', 'grid_worker'] as const) {
      expect(permissionsOf([role]).has('audit:read')).toBe(false);
    }
    expect(permissionsOf(['auditor']).has('audit:read')).toBe(true);
    for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) {
      expect(permissionsOf([role]).has('households:read')).toBe(false);
      expect(permissionsOf([role]).has('pii:unmask')).toBe(false);
    }
  });
});

describe('password policy', () => {
  const mlps = { minLength: 10, requireComplexity: true };
  it('applies the MLPS defaults', () => {
    expect(passwordProblems('Demo#2026-minqing', mlps)).toEqual([]);
    expect(passwordProblems('short1A!', mlps)).toEqual(['too_short']);
    expect(passwordProblems('alllowercaseletters', mlps)).toEqual(['too_simple']);
    expect(passwordProblems('Password1!', mlps)).toEqual(['common']);
  });

  it('can relax complexity by configuration but never the common-password check', () => {
    expect(passwordProblems('alllowercaseletters', { minLength: 8, requireComplexity: false })).toEqual([]);
    expect(passwordProblems('woaini1314', { minLength: 8, requireComplexity: false })).toEqual(['common']);
  });
});
