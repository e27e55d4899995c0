/**
 * The demo feedback (issue 13 §6): in Trần Phú and Sông Trí, reports at every stage, seeded through the use cases —
 * read back as their users see them: the staff queue, the public list of published answers (no personal data),
 * the duplicate pair about the street light, the reporter who reopened an answer; seeding again adds nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../tests/support/app';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../tests/support/database';
import { loadConfig } from '../config';
import type { Db } from '../db/database';
import { systemContext } from '../db/transaction';
import { verifyAuditLog } from '../modules/audit/service';
import { createFileStorage, type FileStorage } from '../modules/dossiers/storage';
import {
  acceptReport,
  answerReport,
  approveAnswer,
  assignReport,
  closeReport,
} from '../modules/feedback/handling';
import { createReport, resolvedPlace } from '../modules/feedback/reports';
import { rateReport } from '../modules/feedback/tracking';
import { resolveAddress } from '../modules/units/resolver';
import { getResolverIndex } from '../modules/units/service';
import { expectSameTables } from './compare.test-support';
import { DEMO_DOSSIER_COMMUNES } from './demo-dossiers';
import { type DemoFeedbackWriter, demoPlaces, seedDemoFeedback } from './demo-feedback';

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

/** The demo written the old way: createReport, then one handling call (or the reporter's rating) per step. */
const throughUseCases =
  (storage: FileStorage): DemoFeedbackWriter =>
  async (_ctx, reports) => {
    for (const r of reports) {
      const made = await createReport(r.receiver, r.input, [], {
        channel: r.channel,
        storage,
        communeCode: r.communeCode,
        now: r.at,
      });
      let version = made.row.version;
      for (const s of r.steps) {
        const now = { now: s.at };
        if (s.kind === 'rate') {
          const contact = r.input.reporterPhone ?? r.input.reporterEmail ?? made.pin ?? '';
          const { resolved, rating, comment } = s;
          await rateReport(s.ctx, { code: made.code, contact, resolved, rating, comment }, 'vi', s.at);
        } else if (s.kind === 'accept') await acceptReport(s.ctx, s.caller, made.id, { version }, now);
        else if (s.kind === 'assign')
          await assignReport(s.ctx, s.caller, made.id, { version, accountId: s.accountId }, now);
        else if (s.kind === 'answer')
          await answerReport(s.ctx, s.caller, made.id, { version, text: s.text }, now);
        else if (s.kind === 'approve') await approveAnswer(s.ctx, s.caller, made.id, { version }, now);
        else await closeReport(s.ctx, s.caller, made.id, { version }, now);
        version += 1;
      }
    }
    return reports.length;
  };

/** Everything the demo feedback wrote, with the ids each database drew (reports, accounts) named by code. */
async function written(db: Db) {
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  // Accounts by username, categories (each database makes the province's on first use) by key.
  const accounts = new Map(
    [
      ...(await rows(sql`select id::text as id, username as name from accounts`)),
      ...(await rows(
        sql`select id::text as id, province_code || ':' || key as name from feedback_categories`,
      )),
    ].map((r) => [r.id, `@${r.name}`]),
  );
  const named = (value: unknown) =>
    JSON.parse(JSON.stringify(value), (_k, v) =>
      typeof v === 'string' && accounts.has(v) ? accounts.get(v) : v,
    );
  const reports = await rows(sql`select * from feedback_reports order by code`);
  return named({
    reports: reports.map(({ id: _id, tracking_pin_hash: pin, ...r }) => ({ ...r, pin: pin !== null })),
    actions: await rows(sql`select r.code, a.commune_code, a.action, a.from_state, a.to_state, a.actor_kind,
        a.actor_id::text as actor_id, a.note, a.data, a.at
      from feedback_actions a join feedback_reports r on r.id = a.report_id order by r.code, a.at, a.id`),
    messages: await rows(sql`select r.code, o.commune_code, o.channel, o.template, o.locale, o.recipient,
        o.subject, replace(o.body, o.source_id::text, '<id>') as body, o.source_type, o.status,
        replace(o.idempotency_key, o.source_id::text, '<id>') as key
      from notification_outbox o join feedback_reports r on r.id = o.source_id order by r.code, key`),
    audit: await rows(sql`select a.chain, a.seq, a.actor_id::text as actor_id, a.actor_name, a.actor_role,
        a.commune_code, a.action, a.entity_type, r.code, a.before, a.after, a.request_id, a.client_address
      from audit_entries a join feedback_reports r on r.id::text = a.entity_id order by a.chain, a.seq`),
    counters: await rows(sql`select commune_code, day::text as day, last from feedback_code_counters
      order by commune_code, day`),
    heads: await rows(sql`select chain, seq from audit_chain_heads order by chain`),
  });
}

describe.each(ENGINES)('the demo feedback written in bulk on %s', (engine) => {
  let bulk: TestDatabase;
  let useCases: TestDatabase;
  const now = new Date('2025-12-03T10:30:00+07:00');

  beforeAll(async () => {
    [bulk, useCases] = await Promise.all([
      createTestDatabase(engine, { map: true, demo: true }),
      createTestDatabase(engine, { map: true, demo: true }),
    ]);
    const config = loadConfig({ XASO_WEB_DIR: '/nonexistent' });
    for (const database of [bulk, useCases]) {
      const ctx = systemContext(database.db, 'test seed');
      const storage = await createFileStorage(config, database.db);
      const writer = database === useCases ? throughUseCases(storage) : undefined;
      await seedDemoFeedback(ctx, storage, () => {}, { now, scale: 'small', ...(writer ? { writer } : {}) });
    }
  }, 300_000);
  afterAll(async () => {
    await bulk?.dispose();
    await useCases?.dispose();
  });

  it('is what the use cases make of the same demo, row for row and entry for entry', async () => {
    const expected = await written(useCases.db);
    const actual = await written(bulk.db);
    expect(expected.reports.length).toBe(13);
    expect(expected.messages.length).toBeGreaterThan(5);
    expectSameTables(actual, expected);
  });

  it('leaves an audit chain that verifies', async () => {
    const report = await verifyAuditLog(bulk.db);
    expect(report.breaks).toEqual([]);
  });

  it("writes each trial commune's places as the address resolver resolves them (full scale too)", async () => {
    const index = await getResolverIndex(bulk.db);
    const names = new Map(
      (
        (await bulk.db.execute(sql`select c.code, c.name, p.name as province_name
          from communes c join provinces p on p.code = c.province_code`)) as unknown as {
          rows: { code: string; name: string; province_name: string }[];
        }
      ).rows.map((r) => [r.code, { name: r.name, provinceName: r.province_name }]),
    );
    let checked = 0;
    for (const [code, , place] of DEMO_DOSSIER_COMMUNES)
      for (const { placeText, street } of demoPlaces(place)) {
        // As placeAndCommune: the candidate in the report's commune, with the street the text names before it.
        const resolution = resolveAddress(index, placeText, { limit: 3 });
        const inCommune = resolution.candidates.find((c) => c.commune.code === code);
        expect(inCommune, placeText).toBeDefined();
        expect(resolvedPlace(street, names.get(code)!), placeText).toBe(
          resolvedPlace(resolution.street, inCommune!.commune),
        );
        checked += 1;
      }
    expect(checked).toBe(DEMO_DOSSIER_COMMUNES.length * 7);
  });
});
