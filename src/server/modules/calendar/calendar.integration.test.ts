import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { countAuditEntries } from '../audit/service';

describe.each(ENGINES)('working-day calendar API on %s', (engine) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t?.close());

  const deadline = async (from: string, days: number) =>
    json<{ due: string; skipped: { date: string; reason: string }[] }>(
      await t.app.inject({ url: `/api/v1/calendar/deadline?from=${from}&days=${days}` }),
    );

  it('counts working days over a weekend', async () => {
    const d = await deadline('2025-06-20', 1); // Friday
    expect(d.due).toBe('2025-06-23');
    expect(d.skipped.map((s) => s.reason)).toEqual(['weekend', 'weekend']);
  });

  it('uses the recorded official Tết 2026 (14/2–22/2): 3 days from Friday 13/2 end on Wednesday 25/2', async () => {
    const d = await deadline('2026-02-13', 3);
    expect(d.due).toBe('2026-02-25');
    expect(d.skipped.map((s) => s.date)).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    expect(d.skipped.filter((s) => s.reason === 'tet').length).toBeGreaterThanOrEqual(5);
  });

  it('lists a year of holidays with the announcements behind them', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/holidays?year=2026' });
    const body = json<{
      daysOff: { date: string; key: string }[];
      announcements: { holidayRanges: unknown[] };
    }>(res);
    expect(body.daysOff.map((d) => d.date)).toContain('2026-04-27'); // Giỗ Tổ on Sunday 26/4 → Monday off
    expect(body.daysOff.map((d) => d.date)).toContain('2026-09-02');
    expect(body.announcements.holidayRanges).toHaveLength(1);
  });

  it('refuses an impossible date naming the field', async () => {
    const res = await t.app.inject({ url: '/api/v1/calendar/deadline?from=2025-02-30&days=2' });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { field: string; message: string }[] }>(res).errors[0]).toMatchObject({
      field: 'query.from',
    });
    expect(json<{ errors: { message: string }[] }>(res).errors[0]!.message).toContain('YYYY-MM-DD');
  });

  it('lets an administrator add a day off (24/11 Culture Day) and a make-up Saturday, audited, and remove them', async () => {
    const auditBefore = await countAuditEntries(t.database.db);
    const before = await deadline('2027-11-23', 1); // Tuesday
    expect(before.due).toBe('2027-11-24');
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/holiday-ranges',
      headers: admin,
      payload: { from: '2027-11-24', to: '2027-11-24', key: 'other', name: 'Ngày Văn hóa Việt Nam' },
    });
    expect(add.statusCode).toBe(201);
    expect((await deadline('2027-11-23', 1)).due).toBe('2027-11-25');

    const sat = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/make-up-days',
      headers: admin,
      payload: { date: '2027-11-27' },
    });
    expect(sat.statusCode).toBe(201);
    expect((await deadline('2027-11-26', 1)).due).toBe('2027-11-27');
    const weekday = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/make-up-days',
      headers: admin,
      payload: { date: '2027-11-24' },
    });
    expect(weekday.statusCode).toBe(400);
    expect(await countAuditEntries(t.database.db)).toBe(auditBefore + 2);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/calendar/holiday-ranges/${json<{ id: string }>(add).id}`,
      headers: admin,
    });
    expect(del.statusCode).toBe(204);
    expect((await deadline('2027-11-23', 1)).due).toBe('2027-11-24');
  });

  it('refuses calendar changes from anyone but an administrator', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/make-up-days',
      payload: { date: '2027-11-27' },
    });
    expect(res.statusCode).toBe(401);
    expect(json(res).code).toBe('unauthenticated');
  });
});
