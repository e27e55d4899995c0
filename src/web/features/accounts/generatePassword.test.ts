import { describe, expect, it } from 'vitest';
import { generatePassword } from './generatePassword';

describe('generatePassword', () => {
  it('gives three groups of four with lower case, upper case, digits and a symbol', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/\d/);
      expect(p).not.toMatch(/[01OlI]/);
    }
  });

  it('draws again until every class is present', () => {
    let n = 0;
    // First draw: only "a"s; then cycling values that hit every class.
    const p = generatePassword((size) => (n++ < 12 ? 0 : n % size));
    expect(p).toMatch(/[A-Z]/);
    expect(p).toMatch(/\d/);
  });
});
