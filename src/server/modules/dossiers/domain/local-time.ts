/**
 * Local civil time of Vietnam (Asia/Ho_Chi_Minh): UTC+7 all year, no daylight saving. Converted with a fixed
 * offset so the result never depends on the machine's time zone. Pure.
 */
import { AppError, text } from '../../../http/errors';
import type { IsoDate } from '../../calendar/holidays';

export const VN_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

function checked(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) {
    throw new AppError('validation_failed', text('Thời điểm không hợp lệ.', 'Invalid instant.'));
  }
  return ms;
}

/** The local calendar date (UTC+7) of an instant: 2025-06-30T23:30Z → '2025-07-01'. */
export function localDate(instant: Date): IsoDate {
  return new Date(checked(instant) + OFFSET_MS).toISOString().slice(0, 10);
}

/** Milliseconds since local midnight (UTC+7) of an instant. */
export function localTimeOfDayMs(instant: Date): number {
  const shifted = checked(instant) + OFFSET_MS;
  return ((shifted % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Parses a stored ISO instant ('2026-03-02T02:00:00.000Z'); throws validation_failed when it is not one. */
export function instantOf(iso: string): Date {
  const d = new Date(iso);
  checked(d);
  return d;
}

/** A real calendar date written 'YYYY-MM-DD' (rejects '2026-02-30', which Date would roll over to March). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The instant local (UTC+7) midnight begins `date`; `days` later for the start of a later day. */
export function startOfLocalDay(date: IsoDate, days = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + days * DAY_MS);
}
