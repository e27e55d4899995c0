import { describe, expect, it } from 'vitest';
import { formatDateTime } from './datetime';

describe('formatDateTime', () => {
  it('shows an instant in Vietnam time, dd/mm/yyyy', () => {
    expect(formatDateTime('2025-06-20T02:03:04.000Z')).toBe('20/06/2025 09:03:04');
    expect(formatDateTime('2025-12-31T17:30:00Z')).toBe('01/01/2026 00:30:00');
  });

  it('returns anything else unchanged', () => {
    expect(formatDateTime('hôm qua')).toBe('hôm qua');
  });
});
