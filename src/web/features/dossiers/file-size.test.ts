import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size';

describe('formatFileSize', () => {
  it.each([
    [0, 'vi', '0 B'],
    [1023, 'vi', '1.023 B'],
    [1024, 'vi', '1 KB'],
    [870_400, 'vi', '850 KB'],
    [1_258_291, 'vi', '1,2 MB'],
    [1_258_291, 'en', '1.2 MB'],
    [10 * 1024 * 1024, 'vi', '10 MB'],
  ] as const)('%d bytes in %s → %s', (bytes, lang, expected) => {
    expect(formatFileSize(bytes, lang)).toBe(expected);
  });
});
