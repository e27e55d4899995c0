/**
 * A commune's feedback statistics on both engines, from reports written straight into the table with known dates
 * (a commune of Hà Tĩnh without demo data): the period by local (Vietnam) day of receipt, answered on time and
 * late by the answer's local day, open and overdue on a pinned day, by category and channel, the average working
 * days to answer (Tết skipped), the ratings; the route's access and its bad dates.
 */
import { and, eq, notInArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { FeedbackCategory, FeedbackState } from '../../../common/api/feedback';
import type { FeedbackStatistics } from '../../../common/api/feedback-queue';
import { foldVietnamese } from '../../../common/text';
import { inTransaction, systemContext } from '../../db/transaction';
import { DEMO_PASSWORD } from '../../seed/demo';
import { DEMO_DOSSIER_COMMUNES } from '../../seed/demo-dossiers';
import { createAccount } from '../auth/accounts';
import { communes } from '../units/schema';
import { categoriesOfProvince } from './categories';
import { feedbackReports } from './schema';
import { feedbackStatistics } from './statistics';

type Problem = { status: number; errors?: { field: string }[] };

describe.each(ENGINES)('feedback statistics on %s', { timeout: 120_000 }, (engine) => {
  let t: TestApp;
  let commune: string;
  let neighbour: string;
  let cats: FeedbackCategory[];
  let seq = 0;

  async function insert(r: {
    communeCode?: string;
    category: number;
    channel?: 'web' | 'counter' | 'phone' | 'open311';
    state: FeedbackState;
    receivedAt: string;
    transferDueDate: string;
    answerDueDate?: string | null;
    answeredAt?: string | null;
    rating?: number | null;
    resolvedByReporter?: boolean | null;
  }) {
    seq += 1;
    const communeCode = r.communeCode ?? commune;
    await t.database.db.insert(feedbackReports).values({
      id: uuidv7(),
      code: `PA-${communeCode}-260301-${String(seq).padStart(4, '0')}`,
      communeCode,
      provinceCode: '42',
      categoryId: cats[r.category]!.id,
      channel: r.channel ?? 'web',
      title: `Phản ánh ${seq}`,
      content: 'Nội dung',
      searchText: foldVietnamese(`Phản ánh ${seq} Nội dung`),
      state: r.state,
      receivedAt: new Date(r.receivedAt),
      transferDueDate: r.transferDueDate,
      answerDueDate: r.answerDueDate ?? null,
      answeredAt: r.answeredAt ? new Date(r.answeredAt) : null,
      rating: r.rating ?? null,
      resolvedByReporter: r.resolvedByReporter ?? null,
    });
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    const db = t.database.db;
    const free = await db
      .select({ code: communes.code })
      .from(communes)
      .where(
        and(
          eq(communes.provinceCode, '42'),
          notInArray(
            communes.code,
            DEMO_DOSSIER_COMMUNES.map(([c]) => c),
          ),
        ),
      )
      .orderBy(communes.code)
      .limit(2);
    [commune, neighbour] = free.map((c) => c.code) as [string, string];
    await inTransaction(systemContext(db, 'test'), (tx, audit) =>
      createAccount(tx, audit, {
        username: 'lanhdao.stats',
        displayName: 'Lãnh đạo xã (thống kê)',
        password: DEMO_PASSWORD,
        isDemo: true,
        grants: [{ role: 'commune_leader', provinceCode: null, communeCode: commune }],
      }),
    );
    cats = await categoriesOfProvince(db, '42');
    // March 2026 (times are UTC; Vietnam is UTC+7).
    // A: received Mon 2 Mar, answered Tue 10 Mar (6 working days), due 16 Mar: on time; rated 5, resolved.
    await insert({
      category: 0,
      state: 'closed',
      receivedAt: '2026-03-02T02:00:00Z',
      transferDueDate: '2026-03-09',
      answerDueDate: '2026-03-16',
      answeredAt: '2026-03-10T03:00:00Z',
      rating: 5,
      resolvedByReporter: true,
    });
    // B: received 3 Mar, answered 18 Mar (11 working days), due 17 Mar: late; rated 2, not resolved → reopened.
    await insert({
      category: 0,
      channel: 'counter',
      state: 'reopened',
      receivedAt: '2026-03-03T02:00:00Z',
      transferDueDate: '2026-03-10',
      answerDueDate: '2026-03-17',
      answeredAt: '2026-03-18T03:00:00Z',
      rating: 2,
      resolvedByReporter: false,
    });
    // C: answered at 00:30 on Fri 20 Mar in Vietnam (19 Mar in UTC), due 19 Mar: late; 11 working days.
    await insert({
      category: 1,
      channel: 'phone',
      state: 'answered',
      receivedAt: '2026-03-05T02:00:00Z',
      transferDueDate: '2026-03-12',
      answerDueDate: '2026-03-19',
      answeredAt: '2026-03-19T17:30:00Z',
    });
    // D: accepted, due 24 Mar, not answered: open and overdue on 1 Apr.
    await insert({
      category: 1,
      state: 'accepted',
      receivedAt: '2026-03-10T02:00:00Z',
      transferDueDate: '2026-03-17',
      answerDueDate: '2026-03-24',
    });
    // E: rejected.
    await insert({
      category: 2,
      state: 'rejected',
      receivedAt: '2026-03-12T02:00:00Z',
      transferDueDate: '2026-03-19',
    });
    // F: 23:30 on 31 Mar in Vietnam: in March; received, transfer due 7 Apr (open, not overdue on 1 Apr).
    await insert({
      category: 2,
      channel: 'open311',
      state: 'received',
      receivedAt: '2026-03-31T16:30:00Z',
      transferDueDate: '2026-04-07',
    });
    // Outside the period or the commune: 00:10 on 1 Apr in Vietnam, 28 Feb, and the neighbour's.
    await insert({
      category: 0,
      state: 'received',
      receivedAt: '2026-03-31T17:10:00Z',
      transferDueDate: '2026-04-08',
    });
    await insert({
      category: 0,
      state: 'received',
      receivedAt: '2026-02-27T18:00:00Z',
      transferDueDate: '2026-03-06',
    });
    await insert({
      communeCode: neighbour,
      category: 0,
      state: 'received',
      receivedAt: '2026-03-15T02:00:00Z',
      transferDueDate: '2026-03-20',
    });
    // February: received Thu 12 Feb, answered Tue 24 Feb across Tết (14–22 Feb): 3 working days, on time.
    await insert({
      category: 3,
      state: 'answered',
      receivedAt: '2026-02-12T02:00:00Z',
      transferDueDate: '2026-02-13',
      answerDueDate: '2026-02-26',
      answeredAt: '2026-02-24T02:00:00Z',
    });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('counts a month of reports by the local day of receipt, on a pinned day', async () => {
    const s = await feedbackStatistics(
      t.database.db,
      commune,
      { from: '2026-03-01', to: '2026-03-31' },
      '2026-04-01',
    );
    expect(s).toMatchObject({
      communeCode: commune,
      from: '2026-03-01',
      to: '2026-03-31',
      received: 6,
      answeredOnTime: 1,
      answeredLate: 2,
      open: 3,
      openOverdue: 2,
      rejected: 1,
      averageWorkingDaysToAnswer: 9.3,
      byChannel: { web: 3, counter: 1, phone: 1, open311: 1 },
      ratings: { count: 2, average: 3.5, unhappy: 1 },
    });
    expect(s.byCategory).toEqual([
      {
        categoryId: cats[0]!.id,
        categoryName: cats[0]!.nameVi,
        received: 2,
        answeredOnTime: 1,
        answeredLate: 1,
        open: 1,
      },
      {
        categoryId: cats[1]!.id,
        categoryName: cats[1]!.nameVi,
        received: 2,
        answeredOnTime: 0,
        answeredLate: 1,
        open: 1,
      },
      {
        categoryId: cats[2]!.id,
        categoryName: cats[2]!.nameVi,
        received: 2,
        answeredOnTime: 0,
        answeredLate: 0,
        open: 1,
      },
    ]);
  });

  it('skips Tết in the working days to answer', async () => {
    const s = await feedbackStatistics(
      t.database.db,
      commune,
      { from: '2026-02-01', to: '2026-02-28' },
      '2026-04-01',
    );
    expect(s).toMatchObject({
      received: 2,
      answeredOnTime: 1,
      answeredLate: 0,
      averageWorkingDaysToAnswer: 3,
      ratings: { count: 0, average: null, unhappy: 0 },
    });
    const empty = await feedbackStatistics(t.database.db, commune, { from: '2025-01-01', to: '2025-12-31' });
    expect(empty).toMatchObject({ received: 0, averageWorkingDaysToAnswer: null, byCategory: [] });
  });

  it('answers through the route for the commune’s staff; others and bad dates are refused', async () => {
    const leader = await loginAs(t.app, 'lanhdao.stats');
    const url = `/api/v1/communes/${commune}/feedback/statistics`;
    const res = await t.app.inject({
      method: 'GET',
      url: `${url}?from=2026-03-01&to=2026-03-31`,
      headers: leader,
    });
    expect(res.statusCode).toBe(200);
    // Today is later than April 2026: F's transfer deadline has passed too.
    expect(json<FeedbackStatistics>(res)).toMatchObject({ received: 6, openOverdue: 3, answeredLate: 2 });
    const whole = json<FeedbackStatistics>(
      await t.app.inject({ method: 'GET', url: `${url}?from=2026-01-01&to=2026-12-31`, headers: leader }),
    );
    expect(whole.received).toBe(9); // the six of March, 1 Apr, 28 Feb and the Tết one
    const other = await loginAs(t.app, 'lanhdao.tranphu');
    expect((await t.app.inject({ method: 'GET', url, headers: other })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const province = await loginAs(t.app, 'tinh.hatinh');
    expect((await t.app.inject({ method: 'GET', url, headers: province })).statusCode).toBe(200);
    for (const [q, field] of [
      ['from=2026-02-30', 'query.from'],
      ['from=yesterday', 'query.from'],
      ['to=2026-01-01%00', 'query.to'],
      [`to=${'9'.repeat(20_000)}`, 'query.to'],
      ['from=2026-03-02&to=2026-03-01', 'query.to'],
      ['from=2000-01-01&to=2026-01-01', 'query.from'],
    ] as const) {
      const bad = await t.app.inject({ method: 'GET', url: `${url}?${q}`, headers: leader });
      expect(bad.statusCode, q.slice(0, 30)).toBe(400);
      expect((bad.json() as Problem).errors?.[0]?.field, q.slice(0, 30)).toBe(field);
    }
  });
});
