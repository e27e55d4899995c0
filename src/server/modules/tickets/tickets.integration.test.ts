/**
 * Queue tickets on both engines: numbering in the transaction (parallel kiosks never share a number), the daily
 * restart, priority first, two counters calling at once, the rights of each caller, the audit of every change,
 * the waiting-time figures, and the hall display's event stream.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type {
  BoardCall,
  IssuedTicket,
  KioskView,
  QueueConsole,
  QueueStats,
  QueueTicket,
} from '../../../common/api/tickets';
import { systemContext } from '../../db/transaction';
import { auditEntries } from '../audit/schema';
import { dossiers } from '../dossiers/schema';
import { pdfText } from '../org/pdf-text';
import { queueTickets, ticketNumberCounters } from './schema';
import { issueTicket } from './service';
import { openStream } from './sse-client.test-support';

const vn = (local: string) => new Date(`${local}+07:00`);

describe.each(ENGINES)('queue tickets on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>;
  let leader: Record<string, string>;
  let otherOfficer: Record<string, string>;
  let kiosk: KioskView;
  let consoleView: QueueConsole;
  let otherConsole: QueueConsole;
  let clientNo = 0;

  /** Each kiosk request from its own address (the public rate limit is per client). */
  const take = async (groupId: string, priority?: string | null, commune = '18100') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/public/queues/${commune}/tickets`,
      headers: { 'x-forwarded-for': `203.0.113.${++clientNo % 250}` },
      payload: { groupId, ...(priority !== undefined ? { priority } : {}) },
    });
  const group = (letter: string) => kiosk.groups.find((g) => g.letter === letter)!;
  const counter = (n: number, view = consoleView) => view.counters.find((c) => c.number === n)!;
  const callNext = (counterId: string, headers = officer) =>
    t.app.inject({ method: 'POST', url: `/api/v1/queue-counters/${counterId}/call-next`, headers });
  const finish = (id: string, payload: object, headers = officer) =>
    t.app.inject({ method: 'POST', url: `/api/v1/queue-tickets/${id}/finish`, headers, payload });
  const clearQueue = async () => {
    await t.database.db.delete(queueTickets);
    await t.database.db.delete(ticketNumberCounters);
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    otherOfficer = await loginAs(t.app, 'motcua.songtri');
    kiosk = json<KioskView>(await t.app.inject({ url: '/api/v1/public/queues/18100' }));
    consoleView = json<QueueConsole>(
      await t.app.inject({ url: '/api/v1/communes/18100/queue', headers: officer }),
    );
    otherConsole = json<QueueConsole>(
      await t.app.inject({ url: '/api/v1/communes/18754/queue', headers: otherOfficer }),
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('shows the kiosk the seeded service groups of the commune; a commune without a queue is a 404', async () => {
    expect(kiosk.communeName).toContain('Trần Phú');
    expect(kiosk.groups.map((g) => `${g.letter} ${g.name}`)).toEqual([
      'A Hộ tịch',
      'B Chứng thực',
      'C Đất đai và thủ tục khác',
    ]);
    expect((await t.app.inject({ url: '/api/v1/public/queues/18496' })).statusCode).toBe(404);
  });

  it('numbers each group from 1, priority in its own series, and tells how many are ahead', async () => {
    await clearQueue();
    const a1 = json<IssuedTicket>(await take(group('A').id));
    const a2 = json<IssuedTicket>(await take(group('A').id, null));
    const b1 = json<IssuedTicket>(await take(group('B').id));
    const ua1 = json<IssuedTicket>(await take(group('A').id, 'elderly'));
    expect([a1.number, a2.number, b1.number, ua1.number]).toEqual(['A001', 'A002', 'B001', 'UA001']);
    expect([a1.peopleAhead, a2.peopleAhead, b1.peopleAhead, ua1.peopleAhead]).toEqual([0, 1, 0, 0]);
    expect(ua1).toMatchObject({ groupName: 'Hộ tịch', priorityReason: 'elderly', communeCode: '18100' });
  });

  it('never issues the same number to kiosks taking tickets at the same instant', async () => {
    await clearQueue();
    const answers = await Promise.all(Array.from({ length: 16 }, () => take(group('C').id)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(16).fill(201));
    const numbers = answers.map((a) => json<IssuedTicket>(a).number).sort();
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => `C${String(i + 1).padStart(3, '0')}`));
  });

  it('starts again at 1 on the next local day (UTC+7 midnight)', async () => {
    await clearQueue();
    const ctx = systemContext(t.database.db, 'kiosk test');
    const g = group('B').id;
    const late = await issueTicket(ctx, '18100', { groupId: g }, vn('2026-11-30T23:58:00'));
    const later = await issueTicket(ctx, '18100', { groupId: g }, vn('2026-11-30T23:59:30'));
    const nextMorning = await issueTicket(ctx, '18100', { groupId: g }, vn('2026-12-01T00:00:10'));
    expect([late.number, later.number, nextMorning.number]).toEqual(['B001', 'B002', 'B001']);
    expect([late.day, nextMorning.day]).toEqual(['2026-11-30', '2026-12-01']);
  });

  it('refuses bad input with a 4xx naming the field, and changes nothing', async () => {
    await clearQueue();
    const noGroup = await take('0190f3a4-0000-7000-8000-000000000000');
    expect(noGroup.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(noGroup).errors[0]!.field).toBe('body.groupId');
    const foreignGroup = await take(otherConsole.groups[0]!.id);
    expect(json<{ errors: { field: string }[] }>(foreignGroup).errors[0]!.field).toBe('body.groupId');
    const badPriority = await take(group('A').id, 'vip');
    expect(badPriority.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(badPriority).errors[0]!.field).toBe('body.priority');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/queues/18100/tickets',
      headers: { 'accept-language': 'en', 'x-forwarded-for': '203.0.113.251' },
      payload: { groupId: otherConsole.groups[0]!.id },
    });
    expect(json<{ detail: string }>(en).detail).toBe('No such service group in this commune.');
    expect(await t.database.db.select().from(queueTickets)).toEqual([]);
  });

  it('calls priority tickets first, then in order of issue, only from the counter’s groups', async () => {
    await clearQueue();
    for (const [letter, priority] of [
      ['A', null],
      ['B', null],
      ['A', null],
      ['A', 'pregnant'],
      ['A', 'disabled'],
    ] as const)
      expect((await take(group(letter).id, priority)).statusCode).toBe(201);
    const quay1 = counter(1); // serves A only
    const called: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await callNext(quay1.id);
      expect(res.statusCode).toBe(200);
      called.push(json<{ ticket: QueueTicket | null }>(res).ticket?.number ?? 'none');
    }
    expect(called).toEqual(['UA001', 'UA002', 'A001', 'A002', 'none']);
    // Calling the next one closed the previous one as served; B001 still waits for counter 2.
    const view = json<QueueConsole>(
      await t.app.inject({ url: '/api/v1/communes/18100/queue', headers: officer }),
    );
    expect(view.waiting.map((w) => w.number)).toEqual(['B001']);
    expect(view.counters.find((c) => c.number === 1)!.current).toBeNull();
  });

  it('in order of issue when the leader turns priority-first off', async () => {
    await clearQueue();
    const put = (priorityFirst: boolean) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/communes/18100/queue/settings',
        headers: leader,
        payload: { priorityFirst },
      });
    expect((await put(false)).statusCode).toBe(200);
    await take(group('A').id);
    await take(group('A').id, 'elderly');
    const first = json<{ ticket: QueueTicket }>(await callNext(counter(1).id)).ticket;
    expect(first.number).toBe('A001');
    expect((await put(true)).statusCode).toBe(200);
  });

  it('never gives the same ticket to two counters calling at the same instant', async () => {
    await clearQueue();
    for (let i = 0; i < 6; i++) await take(group('B').id);
    const q2 = counter(2).id; // B and C
    const q3 = counter(3).id; // all groups
    const answers = await Promise.all([q2, q3, q2, q3].map((id) => callNext(id)));
    // Two calls per counter at once: each counter ends with one ticket called, the other served.
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    const numbers = answers.map((a) => json<{ ticket: QueueTicket }>(a).ticket.number);
    expect(new Set(numbers).size).toBe(4);
    const rows = await t.database.db.select().from(queueTickets).where(eq(queueTickets.communeCode, '18100'));
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(2);
    expect(
      rows
        .filter((r) => r.status === 'called')
        .map((r) => r.counterId)
        .sort(),
    ).toEqual([q2, q3].sort());
  });

  it('recalls, marks served or no-show once, and audits every step (the kiosk as an anonymous actor)', async () => {
    await clearQueue();
    const issued = json<IssuedTicket>(await take(group('A').id));
    const called = json<{ ticket: QueueTicket }>(await callNext(counter(1).id)).ticket;
    expect(called.id).toBe(issued.id);
    const recall = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue-tickets/${called.id}/recall`,
      headers: officer,
    });
    expect(json<QueueTicket>(recall)).toMatchObject({ status: 'called', recalls: 1 });
    const noShow = await finish(called.id, { outcome: 'no_show' });
    expect(json<QueueTicket>(noShow).status).toBe('no_show');
    const again = await finish(called.id, { outcome: 'served' });
    expect(again.statusCode).toBe(409);
    const badOutcome = await finish(called.id, { outcome: 'gone' });
    expect(json<{ errors: { field: string }[] }>(badOutcome).errors[0]!.field).toBe('body.outcome');
    const entries = await t.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityType, 'queue_ticket'), eq(auditEntries.entityId, issued.id)));
    const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
    expect(Object.keys(byAction).sort()).toEqual([
      'queue.ticket.call',
      'queue.ticket.issue',
      'queue.ticket.no_show',
      'queue.ticket.recall',
    ]);
    expect(byAction['queue.ticket.issue']).toMatchObject({
      actorName: 'anonymous',
      actorId: null,
      communeCode: '18100',
    });
    expect(byAction['queue.ticket.call']!.actorName).toBe('motcua.tranphu');
  });

  it('links the ticket to the dossier received from the citizen, only a dossier of the same commune', async () => {
    await clearQueue();
    const [own] = await t.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.communeCode, '18100'))
      .limit(1);
    const [foreign] = await t.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.communeCode, '18754'))
      .limit(1);
    await take(group('A').id);
    const called = json<{ ticket: QueueTicket }>(await callNext(counter(1).id)).ticket;
    const refused = await finish(called.id, { outcome: 'served', dossierId: foreign!.id });
    expect(refused.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(refused).errors[0]!.field).toBe('body.dossierId');
    const linked = await finish(called.id, { outcome: 'served', dossierId: own!.id });
    expect(json<QueueTicket>(linked)).toMatchObject({ status: 'served', dossierId: own!.id });
  });

  it("keeps each commune to its own: another commune's counter or ticket is a 404, its console a 403", async () => {
    await clearQueue();
    const mine = json<IssuedTicket>(await take(group('A').id));
    expect((await callNext(counter(1, otherConsole).id)).statusCode).toBe(404);
    expect((await finish(mine.id, { outcome: 'served' }, otherOfficer)).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/communes/18754/queue', headers: officer })).statusCode).toBe(
      403,
    );
    // A specialist does not call numbers (the counter is not theirs to see: 404); an officer does not configure.
    const specialist = await loginAs(t.app, 'chuyenvien.tranphu');
    expect((await callNext(counter(1).id, specialist)).statusCode).toBe(404);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes/18100/queue/groups',
      headers: officer,
      payload: { letter: 'D', name: 'Tư pháp' },
    });
    expect(create.statusCode).toBe(403);
    expect(
      (await t.database.db.select().from(queueTickets).where(eq(queueTickets.id, mine.id)))[0]!.status,
    ).toBe('waiting');
  });

  it('lets the leader add a group and a counter; a letter or counter number used twice names the field', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes/18100/queue/groups',
      headers: leader,
      payload: { letter: 'D', name: 'Tư pháp – khác' },
    });
    expect(created.statusCode).toBe(201);
    const twice = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes/18100/queue/groups',
      headers: leader,
      payload: { letter: 'D', name: 'Trùng' },
    });
    expect(twice.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(twice).errors[0]!.field).toBe('body.letter');
    const badCounter = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes/18100/queue/counters',
      headers: leader,
      payload: { number: 1, groupIds: [json<{ id: string }>(created).id] },
    });
    expect(json<{ errors: { field: string }[] }>(badCounter).errors[0]!.field).toBe('body.number');
    const foreignGroup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes/18100/queue/counters',
      headers: leader,
      payload: { number: 9, groupIds: [otherConsole.groups[0]!.id] },
    });
    expect(json<{ errors: { field: string }[] }>(foreignGroup).errors[0]!.field).toBe('body.groupIds.0');
    const retired = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/queue-groups/${json<{ id: string }>(created).id}`,
      headers: leader,
      payload: { active: false },
    });
    expect(json<{ active: boolean }>(retired).active).toBe(false);
  });

  it('prints an 80 mm ticket with the number, the group, the commune and the people ahead', async () => {
    await clearQueue();
    await take(group('A').id);
    const ticket = json<IssuedTicket>(await take(group('A').id, 'elderly'));
    const res = await t.app.inject({ url: `/api/v1/public/queue-tickets/${ticket.id}/ticket.pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    const box = pdf.toString('latin1').match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/)!;
    expect(Math.round((Number(box[1]) * 25.4) / 72)).toBe(80);
    const words = pdfText(pdf);
    for (const expected of [
      'UA001',
      'Hộ tịch',
      'PHƯỜNG TRẦN PHÚ',
      'người cao tuổi',
      'Số người đang chờ trước bạn: 0',
    ])
      expect(words).toContain(expected);
  });

  it('computes the day’s waiting-time figures per group for the dashboard', async () => {
    await clearQueue();
    await take(group('A').id);
    await take(group('A').id);
    await callNext(counter(1).id);
    const res = await t.app.inject({ url: '/api/v1/communes/18100/queue/stats', headers: leader });
    const stats = json<QueueStats>(res);
    const a = stats.groups.find((g) => g.letter === 'A')!;
    expect(a).toMatchObject({ issued: 2, waiting: 1, called: 1, served: 0 });
    expect(a.averageWaitSeconds).toBeGreaterThanOrEqual(0);
    expect(stats.groups.map((g) => g.letter)).toEqual(['A', 'B', 'C']);
    const bad = await t.app.inject({
      url: '/api/v1/communes/18100/queue/stats?day=2026-02-30',
      headers: leader,
    });
    expect(json<{ errors: { field: string }[] }>(bad).errors[0]!.field).toBe('query.day');
    expect(
      (await t.app.inject({ url: '/api/v1/communes/18754/queue/stats', headers: leader })).statusCode,
    ).toBe(403);
  });

  it('streams the call to the hall display the moment it is committed', async () => {
    await clearQueue();
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openStream(`${base}/api/v1/public/queues/18100/events`);
    try {
      const snapshot = await stream.next('snapshot');
      expect(snapshot).toMatchObject({ communeCode: '18100', calls: [] });
      await take(group('A').id);
      await callNext(counter(1).id);
      const call = (await stream.next('ticket.called')) as BoardCall;
      expect(call).toMatchObject({ number: 'A001', counterNumber: 1, groupName: 'Hộ tịch' });
    } finally {
      stream.close();
    }
  });
});
