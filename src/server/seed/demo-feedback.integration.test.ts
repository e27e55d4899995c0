/**
 * The demo feedback (issue 13 §6): in Trần Phú and Sông Trí, reports at every stage, seeded through the use cases —
 * read back as their users see them: the staff queue, the public list of published answers (no personal data),
 * the duplicate pair about the street light, the reporter who reopened an answer; seeding again adds nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../tests/support/app';
import { ENGINES } from '../../../tests/support/database';
import { loadConfig } from '../config';
import { systemContext } from '../db/transaction';
import { createFileStorage } from '../modules/dossiers/storage';
import { seedDemoFeedback } from './demo-feedback';

const rowsOf = async <T>(t: TestApp, q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

describe.each(ENGINES)('the demo feedback on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, demoMeetings: true });
  }, 300_000);
  afterAll(() => t?.close());

  it('each commune has reports at every stage, the reopened one in Trần Phú only', async () => {
    const states = await rowsOf<{ commune_code: string; state: string; n: number }>(
      t,
      sql`select commune_code, state, count(*)::int as n from feedback_reports
          where commune_code in ('18100', '18754') group by 1, 2 order by 1, 2`,
    );
    const of = (c: string) =>
      Object.fromEntries(states.filter((s) => s.commune_code === c).map((s) => [s.state, s.n]));
    expect(of('18100')).toEqual({ received: 2, assigned: 2, answered: 1, closed: 1, reopened: 1 });
    expect(of('18754')).toEqual({ received: 2, assigned: 2, answered: 1, closed: 1 });
    // Every report has its receipt, every change its action and audit entry.
    const [missing] = await rowsOf<{ n: number }>(
      t,
      sql`select count(*)::int as n from feedback_reports r where not exists
          (select 1 from feedback_actions a where a.report_id = r.id and a.action = 'receive')`,
    );
    expect(missing!.n).toBe(0);
    const [audited] = await rowsOf<{ n: number }>(
      t,
      sql`select count(*)::int as n from audit_entries where action like 'feedback.%' and commune_code = '18100'`,
    );
    expect(audited!.n).toBeGreaterThanOrEqual(7 + 4 * 2);
  });

  it('the leader sees the queue with the overdue rubbish report; the public list shows published answers without personal data', async () => {
    const h = await loginAs(t.app, 'lanhdao.tranphu');
    const queue = json<{ items: { title: string; timeliness: string; state: string }[] }>(
      await t.app.inject({ url: '/api/v1/communes/18100/feedback', headers: h }),
    );
    expect(queue.items.length).toBe(7);
    const rubbish = queue.items.find((i) => i.title.startsWith('Rác thải'));
    expect(rubbish?.timeliness).toBe('overdue');
    const pub = json<{ items: { title: string; answer: string | null; content: string }[] }>(
      await t.app.inject({ url: '/api/v1/public/feedback?communeCode=18100' }),
    );
    const titles = pub.items.map((i) => i.title);
    expect(titles).toContain('Ghi địa chỉ mới trên giấy tờ sau sáp nhập');
    const address = pub.items.find((i) => i.title.startsWith('Ghi địa chỉ'))!;
    expect(address.answer).toContain('không phải làm lại');
    // The reporter's name in the answer is masked in the public version.
    expect(address.answer).not.toContain('Nguyễn Văn Bình');
    expect(JSON.stringify(pub)).not.toMatch(/0987\s?654/);
  });

  it('a citizen writing about the street light near the cultural house is shown the open reports about it', async () => {
    // A point a few dozen metres from both demo reports (text alike for one, place alike for both).
    const res = await t.app.inject({
      url: `/api/v1/public/feedback/duplicates?communeCode=18100&lat=18.3440&lng=105.9050&text=${encodeURIComponent('đèn đường thôn 3 bị hỏng')}`,
    });
    expect(res.statusCode).toBe(200);
    const found = json<{ title: string }[]>(res).map((d) => d.title);
    expect(found).toEqual(
      expect.arrayContaining(['Đèn đường hỏng ở thôn 3', 'Đèn chiếu sáng thôn 3 không sáng']),
    );
  });

  it('seeding again adds nothing', async () => {
    const before = await rowsOf<{ n: number }>(t, sql`select count(*)::int as n from feedback_reports`);
    const config = loadConfig({ XASO_WEB_DIR: '/nonexistent' });
    const again = await seedDemoFeedback(
      systemContext(t.database.db, 'test seed'),
      await createFileStorage(config, t.database.db),
      () => {},
      { scale: 'small' },
    );
    expect(again).toBe(0);
    expect(await rowsOf<{ n: number }>(t, sql`select count(*)::int as n from feedback_reports`)).toEqual(
      before,
    );
  });
});
