import { describe, expect, it } from 'vitest';
import { byRisk, formatMoney, latenessOf, parseCccdLine } from './format';

describe('dossier formatting', () => {
  it('writes money with dot thousands', () => {
    expect(formatMoney(50000)).toBe('50.000 đ');
    expect(formatMoney(1200000)).toBe('1.200.000 đ');
    expect(formatMoney(0)).toBe('0 đ');
  });

  it('reads the CCCD QR line', () => {
    expect(
      parseCccdLine('042095001234||Nguyễn Thị Hoa|15031995|Nữ|Xóm 3, Xã Thạch Trung, TP Hà Tĩnh|01072021'),
    ).toEqual({
      idNumber: '042095001234',
      fullName: 'Nguyễn Thị Hoa',
      address: 'Xóm 3, Xã Thạch Trung, TP Hà Tĩnh',
    });
    expect(parseCccdLine('not a card')).toBeNull();
  });

  it('colours by due date and sorts the oldest risk first', () => {
    expect(latenessOf('2026-01-09', '2026-01-10')).toBe('overdue');
    expect(latenessOf('2026-01-10', '2026-01-10')).toBe('due_today');
    expect(latenessOf('2026-01-20', '2026-01-10')).toBe('on_time');
    const rows = [
      { dueDate: null, receivedAt: 'a' },
      { dueDate: '2026-02-01', receivedAt: 'b' },
      { dueDate: '2026-01-01', receivedAt: 'c' },
    ];
    expect(rows.sort(byRisk).map((r) => r.receivedAt)).toEqual(['c', 'b', 'a']);
  });
});
