/**
 * Password rules (pure). [U] No single national rule was found in the reference texts; these defaults follow
 * common public-sector practice and are configuration, not law: at least 8 characters, at least 3 of the 4
 * classes (lower, upper, digit, symbol), not containing the username. Failed logins are throttled per username and
 * address (login-throttle.ts), never by locking the account.
 */
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 8,
  minClasses: 3,
};

export type PasswordProblem = 'too_short' | 'too_simple' | 'contains_username' | 'too_long';

export function checkPassword(
  password: string,
  username: string,
  policy = DEFAULT_PASSWORD_POLICY,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < policy.minLength) problems.push('too_short');
  if (password.length > 200) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) problems.push('too_simple');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('contains_username');
  return problems;
}

export const PASSWORD_MESSAGES: Record<PasswordProblem, { vi: string; en: string }> = {
  too_short: { vi: 'Mật khẩu phải có ít nhất 8 ký tự.', en: 'The password needs at least 8 characters.' },
  too_long: { vi: 'Mật khẩu quá dài.', en: 'The password is too long.' },
  too_simple: {
    vi: 'Mật khẩu cần ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự đặc biệt.',
    en: 'The password needs 3 of: lower case, upper case, digits, symbols.',
  },
  contains_username: {
    vi: 'Mật khẩu không được chứa tên đăng nhập.',
    en: 'The password must not contain the username.',
  },
};
