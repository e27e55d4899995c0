/**
 * Overdue reports on a pinned clock, on both engines: the holidays an administrator records move the deadlines of
 * open reports (due_dates_moved); the sweep warns the commune's leaders on the due date (level 1, e-mail to the
 * leader) and the province once the province's working days have passed after it (level 2), counting the holiday;
 * a second sweep, or two at once, warn once; closed and escalated reports are left alone.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { getCalendar } from '../calendar/service';
import { notificationOutbox } from '../notifications/schema';
import { runEscalationSweep } from './escalation';
import { type Fixture, insertReport, PASSWORD, seedHandlingFixture } from './handling.test-support';
import { feedbackActions, feedbackReports } from './schema';

/** 10:00 in Việt Nam on a day. */
const at = (day: string) => new Date(`${day}T10:00:00+07:00`);

describe.each(ENGINES)('feedback escalation on %s', { timeout: 120_000 }, (engine) => {
  let t: TestApp;
  let f: Fixture;
  let admin: Record<string, string>;

  const row = async (id: string) =>
    (await t.database.db.select().from(feedbackReports).where(eq(feedbackReports.id, id)))[0]!;
  const actionsOf = async (id: string, action: string) =>
    t.database.db
      .select()
      .from(feedbackActions)
      .where(and(eq(feedbackActions.reportId, id), eq(feedbackActions.action, action)));
  const outbox = (id: string, template: string) =>
    t.database.db
      .select()
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.sourceId, id), eq(notificationOutbox.template, template)));
  const holiday = async (date: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/holiday-ranges',
      headers: admin,
      payload: { from: date, to: date, key: 'other', name: 'Nghỉ bù thử nghiệm' },
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    f = await seedHandlingFixture(t.database.db);
    admin = await loginAs(t.app, 'pa.admin', PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('a recorded holiday moves the answer deadline; the leader is warned on it and the province 5 working days later', async () => {
    const db = t.database.db;
    const start = '2030-06-03'; // Monday
    const before = await getCalendar(db);
    const oldDue = before.addWorkingDays(start, 10);
    const r = await insertReport(db, {
      communeCode: f.communeA,
      categoryId: f.categories.infrastructure!.id,
      state: 'assigned',
      receivedAt: at(start),
      acceptedAt: at(start),
      answerDueDate: oldDue,
    });
    const closed = await insertReport(db, {
      communeCode: f.communeA,
      categoryId: f.categories.infrastructure!.id,
      state: 'closed',
      receivedAt: at(start),
      acceptedAt: at(start),
      answerDueDate: oldDue,
    });

    const waiting = await insertReport(db, {
      communeCode: f.communeA,
      categoryId: f.categories.infrastructure!.id,
      receivedAt: at('2030-06-07'),
      transferDueDate: before.addWorkingDays('2030-06-07', 5),
    });

    // A day off inside the deadline: one working day more (for the answer and for the transfer).
    await holiday('2030-06-11');
    const after = await getCalendar(db);
    const due = after.addWorkingDays(start, 10);
    expect(due).not.toBe(oldDue);
    expect(after.workingDaysBetween(oldDue, due)).toBe(1);
    expect((await row(r.id)).answerDueDate).toBe(due);
    expect((await row(closed.id)).answerDueDate).toBe(oldDue);
    expect((await row(waiting.id)).transferDueDate).toBe(after.addWorkingDays('2030-06-07', 5));
    expect(
      after.workingDaysBetween(
        before.addWorkingDays('2030-06-07', 5),
        (await row(waiting.id)).transferDueDate,
      ),
    ).toBe(1);
    const [moved] = await actionsOf(r.id, 'due_dates_moved');
    expect(moved?.data).toMatchObject({ answer: { from: oldDue, to: due } });
    expect((await row(r.id)).version).toBe(2);

    // The day before: nothing. The old due date (now a working day before the new one): nothing either.
    await runEscalationSweep(db, at(oldDue));
    expect((await row(r.id)).escalationLevel).toBe(0);

    // On the due date: the commune's leader (who has an e-mail) is warned, once.
    const first = await runEscalationSweep(db, at(due));
    expect(first.leader).toBeGreaterThanOrEqual(1);
    expect((await row(r.id)).escalationLevel).toBe(1);
    expect((await actionsOf(r.id, 'escalate_leader')).map((a) => [a.actorKind, a.toState])).toEqual([
      ['system', 'assigned'],
    ]);
    expect((await outbox(r.id, 'feedback.escalated_leader')).map((o) => [o.channel, o.recipient])).toEqual([
      ['email', 'lanhdao.a@example.vn'],
    ]);
    await runEscalationSweep(db, at(due));
    expect(await actionsOf(r.id, 'escalate_leader')).toHaveLength(1);
    expect((await row(closed.id)).escalationLevel).toBe(0);

    // Another holiday after the due date: the province is warned a working day later than without it.
    const withoutHoliday = after.addWorkingDays(due, 5);
    await holiday(withoutHoliday);
    const cal = await getCalendar(db);
    const provinceDay = cal.addWorkingDays(due, 5);
    expect(provinceDay > withoutHoliday).toBe(true);
    await runEscalationSweep(db, at(withoutHoliday));
    expect((await row(r.id)).escalationLevel).toBe(1);
    await runEscalationSweep(db, at(cal.addWorkingDays(due, 4)));
    expect((await row(r.id)).escalationLevel).toBe(1);

    // Two instances sweeping at once warn the province once.
    await Promise.all([runEscalationSweep(db, at(provinceDay)), runEscalationSweep(db, at(provinceDay))]);
    expect((await row(r.id)).escalationLevel).toBe(2);
    expect(await actionsOf(r.id, 'escalate_province')).toHaveLength(1);
    expect((await outbox(r.id, 'feedback.escalated_province')).map((o) => o.recipient)).toEqual([
      'tinh.42@example.vn',
    ]);
    expect((await row(closed.id)).escalationLevel).toBe(0);
  });

  it('a report still waiting to be accepted escalates on its transfer deadline; one long overdue goes straight to both', async () => {
    const db = t.database.db;
    const cal = await getCalendar(db);
    const start = '2030-09-09';
    const transferDue = cal.addWorkingDays(start, 5);
    const r = await insertReport(db, {
      communeCode: f.communeB,
      categoryId: f.categories.infrastructure!.id,
      receivedAt: at(start),
      transferDueDate: transferDue,
    });
    const escalated = await insertReport(db, {
      communeCode: f.communeB,
      categoryId: f.categories.infrastructure!.id,
      state: 'escalated',
      receivedAt: at(start),
      transferDueDate: transferDue,
    });
    await runEscalationSweep(db, at(transferDue));
    expect((await row(r.id)).escalationLevel).toBe(1);
    // Commune B's leader has no e-mail: the action is recorded, no message.
    expect(await outbox(r.id, 'feedback.escalated_leader')).toHaveLength(0);
    expect(await actionsOf(r.id, 'escalate_leader')).toHaveLength(1);
    expect((await row(escalated.id)).escalationLevel).toBe(0);

    const late = await insertReport(db, {
      communeCode: f.communeA,
      categoryId: f.categories.infrastructure!.id,
      receivedAt: at(start),
      transferDueDate: transferDue,
    });
    await runEscalationSweep(db, at(cal.addWorkingDays(transferDue, 6)));
    expect((await row(late.id)).escalationLevel).toBe(2);
    expect((await actionsOf(late.id, 'escalate_leader')).length).toBe(1);
    expect((await actionsOf(late.id, 'escalate_province')).length).toBe(1);
    expect(await outbox(late.id, 'feedback.escalated_leader')).toHaveLength(1);
  });
});
