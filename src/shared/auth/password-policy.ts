/**
 * Password rules shared by the server (enforcement) and the web (hints). Defaults follow MLPS
 * 2.0: at least 10 characters from three of four classes, not a known common password.
 */
export interface PasswordRules {
  minLength: number;
  requireComplexity: boolean;
}

// The most common passwords in Chinese and global leak lists; any password containing one of
// these as its whole letters-and-digits core is refused.
const COMMON = new Set([
  '123456',
  '123456789',
  '12345678',
  '1234567890',
  '111111',
  '000000',
  '123123',
  '666666',
  '888888',
  '112233',
  '5201314',
  '1314520',
  'a123456',
  'a123456789',
  'qq123456',
  'abc123',
  'abc123456',
  'password',
  'password1',
  'passw0rd',
  'qwerty',
  'qwerty123',
  'iloveyou',
  'admin',
  'admin123',
  'admin888',
  'root',
  'root123',
  'woaini',
  'woaini1314',
  'zxcvbnm',
  'asdfghjkl',
  '1qaz2wsx',
  '1q2w3e4r',
  'qwe123',
  'aa123456',
  'welcome',
  'letmein',
  'minqing',
  'minqing123',
  'changeme',
]);

export type PasswordProblem = 'too_short' | 'too_simple' | 'common';

export function passwordProblems(password: string, rules: PasswordRules): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < rules.minLength) problems.push('too_short');
  if (rules.requireComplexity) {
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
    if (classes < 3) problems.push('too_simple');
  }
  const core = password.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (COMMON.has(core) || COMMON.has(core.replace(/\d+$/, ''))) problems.push('common');
  return problems;
}
