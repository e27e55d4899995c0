/**
 * A temporary password an administrator can read out or write down: three groups of four characters without
 * look-alikes (0/O, 1/l/I), with lower case, upper case and digits, joined by "-" (so all four classes of the
 * password policy are present). The user must change it at first login.
 */
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALL = LOWER + UPPER + DIGITS;

export function generatePassword(random: (n: number) => number = secureRandom): string {
  const pick = (set: string) => set[random(set.length)]!;
  for (;;) {
    const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => pick(ALL)).join(''));
    const password = groups.join('-');
    if (/[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password)) return password;
  }
}

function secureRandom(n: number): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0]! % n;
}
