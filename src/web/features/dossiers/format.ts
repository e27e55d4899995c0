/** Small pure helpers of the dossier pages: money, lateness colours, the CCCD QR line. */
import { todayInVietnam } from '../../lib/dates';

/** 50000 → '50.000 đ'. */
export function formatMoney(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

export type LatenessLevel = 'on_time' | 'due_today' | 'due_soon' | 'overdue' | 'none';

/** From a due date alone (the list has no working-day count): calendar days left, Vietnam time. */
export function latenessOf(dueDate: string | null, today: string = todayInVietnam()): LatenessLevel {
  if (!dueDate) return 'none';
  const days = (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  if (days < 0) return 'overdue';
  if (days === 0) return 'due_today';
  if (days <= 2) return 'due_soon';
  return 'on_time';
}

export const LATENESS_COLOR: Record<LatenessLevel, string> = {
  overdue: 'red',
  due_today: 'orange',
  due_soon: 'yellow',
  on_time: 'green',
  none: 'gray',
};

/** Oldest risk first: the earliest due date first, dossiers without one last. */
export function byRisk<T extends { dueDate: string | null; receivedAt: string }>(a: T, b: T): number {
  if (a.dueDate !== b.dueDate) {
    if (!a.dueDate) return 1;
    if (!b.dueDate) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0;
}

export interface CccdLine {
  idNumber: string;
  fullName: string;
  address: string;
}

/** `<12-digit ID>|<old ID>|<full name>|<ddmmyyyy>|<Nam/Nữ>|<address>|<issue date>` → the applicant's fields. */
export function parseCccdLine(line: string): CccdLine | null {
  const parts = line.trim().split('|');
  if (parts.length < 6) return null;
  const [idNumber = '', , fullName = '', , , address = ''] = parts.map((p) => p.trim());
  if (!/^\d{12}$/.test(idNumber) || !fullName) return null;
  return { idNumber, fullName, address };
}
