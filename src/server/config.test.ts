import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('XASO_PUBLIC_URL (the address printed on slips)', () => {
  it('defaults to http://localhost:<PORT>', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('takes an http(s) address, without its trailing slash', () => {
    expect(loadConfig({ XASO_PUBLIC_URL: 'https://dichvucong.tranphu.gov.vn/' }).publicUrl).toBe(
      'https://dichvucong.tranphu.gov.vn',
    );
    expect(loadConfig({ XASO_PUBLIC_URL: 'http://10.0.0.5:3000/xaso' }).publicUrl).toBe(
      'http://10.0.0.5:3000/xaso',
    );
  });

  it.each(['dichvucong.tranphu.gov.vn', 'ftp://files.example.vn', 'javascript:alert(1)'])(
    'refuses to start with %s, naming the variable',
    (value) => {
      expect(() => loadConfig({ XASO_PUBLIC_URL: value })).toThrow(/XASO_PUBLIC_URL/);
    },
  );
});
