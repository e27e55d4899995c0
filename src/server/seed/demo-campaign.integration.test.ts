/**
 * The demo campaign (issue 12 §6): Hà Tĩnh as of the trial day 20 June 2025 — a published checklist partly
 * answered, trials held that day (Sông Trí in the afternoon), a network incident fixed in Sông Trí and a staffing
 * one still open in Trần Phú, two lessons, one recommendation answered and one open, one inspection with its
 * directives, readiness over the first three weeks of June — read back as the users see it; seeding again changes
 * nothing. Then the live state: both communes live from 1 July 2025, through the cutover.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../tests/support/app';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../tests/support/database';
import { loadConfig } from '../config';
import type { Db } from '../db/database';
import { systemContext } from '../db/transaction';
import { verifyAuditLog } from '../modules/audit/service';
import { createIncident, resolveIncident } from '../modules/campaign/incidents';
import { createLesson } from '../modules/campaign/lessons';
import { answerItem } from '../modules/campaign/readiness-answers';
import { createTrial, holdTrial } from '../modules/campaign/trials';
import { createFileStorage } from '../modules/dossiers/storage';
import { seedDemo } from './demo';
import { type DemoCampaignWriters, seedDemoCampaign } from './demo-campaign';

const rowsOf = async <T>(t: TestApp, q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

async function counts(t: TestApp) {
  const tables = [
    'readiness_templates',
    'readiness_answers',
    'readiness_snapshots',
    'trial_plans',
    'campaign_incidents',
    'campaign_lessons',
    'campaign_recommendations',
    'campaign_recommendation_actions',
    'campaign_inspections',
    'campaign_inspection_visits',
    'campaign_directives',
    'commune_go_live',
    'audit_entries',
  ];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [r] = await rowsOf<{ n: number }>(t, sql`select count(*)::int as n from ${sql.identifier(table)}`);
    out[table] = Number(r!.n);
  }
  return out;
}

describe.each(ENGINES)('the demo campaign on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, demoMeetings: true });
  }, 300_000);
  afterAll(() => t?.close());

  it('the province published its checklist; each commune answered part of it, readiness below the threshold', async () => {
    const h = await loginAs(t.app, 'tinh.hatinh');
    const board = json<{ rows: { communeCode: string; readiness: { percent: number } | null }[] }>(
      await t.app.inject({ url: '/api/v1/provinces/42/campaign/board', headers: h }),
    );
    const templates = await rowsOf<{ status: string; version: number }>(
      t,
      sql`select status, version from readiness_templates where province_code = '42'`,
    );
    expect(templates).toEqual([{ status: 'published', version: 1 }]);
    for (const code of ['18100', '18754']) {
      const answers = await rowsOf<{ status: string; n: number }>(
        t,
        sql`select status, count(*)::int as n from readiness_answers where commune_code = ${code} group by status`,
      );
      const by = Object.fromEntries(answers.map((a) => [a.status, Number(a.n)]));
      expect(by.done).toBeGreaterThan(3);
      expect(by.in_progress).toBeGreaterThan(0);
      expect(JSON.stringify(board)).toContain(code);
    }
  });

  it('trials held on 20/6/2025 (Sông Trí in the afternoon), incidents, lessons, recommendations, inspection', async () => {
    const trials = await rowsOf<{ commune_code: string; half_day: string; status: string; held: string }>(
      t,
      sql`select commune_code, half_day, status, to_char(held_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as held
        from trial_plans where trial_date = '2025-06-20' order by commune_code`,
    );
    expect(trials).toEqual([
      { commune_code: '18100', half_day: 'morning', status: 'held', held: '2025-06-20' },
      { commune_code: '18754', half_day: 'afternoon', status: 'held', held: '2025-06-20' },
    ]);
    const incidents = await rowsOf<{ commune_code: string; kind: string; severity: string; status: string }>(
      t,
      sql`select commune_code, kind, severity, status from campaign_incidents order by commune_code`,
    );
    expect(incidents).toEqual([
      { commune_code: '18100', kind: 'staffing', severity: 'medium', status: 'open' },
      { commune_code: '18754', kind: 'network', severity: 'high', status: 'resolved' },
    ]);
    // Lessons searchable without diacritics across the province.
    const h = await loginAs(t.app, 'tinh.hatinh');
    const lessons = json<{ items: { communeCode: string; title: string }[] }>(
      await t.app.inject({ url: '/api/v1/provinces/42/campaign/lessons?q=mang%20noi%20bo', headers: h }),
    );
    expect(lessons.items.map((l) => l.communeCode)).toEqual(['18754']);
    const all = await rowsOf<{ n: number }>(t, sql`select count(*)::int as n from campaign_lessons`);
    expect(Number(all[0]!.n)).toBe(2);
    const recs = await rowsOf<{ commune_code: string; status: string; outcome: string | null }>(
      t,
      sql`select commune_code, status, outcome from campaign_recommendations order by commune_code`,
    );
    expect(recs).toEqual([
      { commune_code: '18100', status: 'answered', outcome: 'resolved' },
      { commune_code: '18754', status: 'received', outcome: null },
    ]);
    // The answered one went through the Department of Home Affairs' handler.
    const [answered] = await rowsOf<{ username: string }>(
      t,
      sql`select a.username from campaign_recommendations r join accounts a on a.id = r.assignee_account_id
        where r.commune_code = '18100'`,
    );
    expect(answered?.username).toBe('sonoivu.hatinh');
    const inspections = await rowsOf<{
      status: string;
      planned_date: string;
      visits: number;
      directives: number;
    }>(
      t,
      sql`select i.status, i.planned_date::text as planned_date,
          (select count(*)::int from campaign_inspection_visits v where v.inspection_id = i.id) as visits,
          (select count(*)::int from campaign_directives d where d.inspection_id = i.id) as directives
        from campaign_inspections i`,
    );
    expect(inspections).toEqual([{ status: 'done', planned_date: '2025-06-20', visits: 2, directives: 2 }]);
  });

  it('readiness over the first three weeks of June for the chart, ending at what the answers give', async () => {
    const h = await loginAs(t.app, 'tinh.hatinh');
    const history = json<{ days: string[] } & Record<string, unknown>>(
      await t.app.inject({
        url: '/api/v1/provinces/42/campaign/board/history?from=2025-06-01&to=2025-06-20',
        headers: h,
      }),
    );
    expect(JSON.stringify(history)).toContain('2025-06-20');
    const snaps = await rowsOf<{ commune_code: string; n: number; first: string; last: string }>(
      t,
      sql`select commune_code, count(*)::int as n, min(percent)::text as first, max(day)::text as last
        from readiness_snapshots where commune_code in ('18100', '18754') group by commune_code order by commune_code`,
    );
    expect(snaps.map((s) => [s.commune_code, Number(s.n), s.last])).toEqual([
      ['18100', 20, '2025-06-20'],
      ['18754', 20, '2025-06-20'],
    ]);
  });

  it('seeding again changes nothing', async () => {
    const before = await counts(t);
    const config = loadConfig({ XASO_WEB_DIR: '/nonexistent' });
    const again = await seedDemo(systemContext(t.database.db, 'test seed'), () => {}, {
      scale: 'small',
      meetings: { config, storage: await createFileStorage(config, t.database.db) },
    });
    expect(again.created).toBe(0);
    expect(await counts(t)).toEqual(before);
  });

  it('live: both communes went live on 1/7/2025 through the cutover, with what was open settled first', async () => {
    const config = loadConfig({ XASO_WEB_DIR: '/nonexistent', XASO_DEMO_CAMPAIGN: 'live' });
    const storage = await createFileStorage(config, t.database.db);
    const seed = () =>
      seedDemo(systemContext(t.database.db, 'test seed'), () => {}, {
        scale: 'small',
        meetings: { config, storage },
      });
    const first = await seed();
    expect(first.created).toBeGreaterThan(2);
    const live = await rowsOf<{ commune_code: string; status: string; live_from: string }>(
      t,
      sql`select commune_code, status, live_from::text as live_from from commune_go_live order by commune_code`,
    );
    expect(live).toEqual([
      { commune_code: '18100', status: 'live', live_from: '2025-07-01' },
      { commune_code: '18754', status: 'live', live_from: '2025-07-01' },
    ]);
    const h = await loginAs(t.app, 'lanhdao.songtri');
    const view = json<{ status?: string; live?: boolean }>(
      await t.app.inject({ url: '/api/v1/communes/18754/campaign/go-live', headers: h }),
    );
    expect(JSON.stringify(view)).toContain('2025-07-01');
    // The rehearsal sessions of the trial day are archived with the cutover (still readable).
    const meetings = await rowsOf<{ n: number }>(
      t,
      sql`select count(*)::int as n from meetings where rehearsal and archived_at is null and commune_code in ('18100', '18754')`,
    );
    expect(Number(meetings[0]!.n)).toBe(0);
    const open = await rowsOf<{ n: number }>(
      t,
      sql`select (select count(*) from campaign_incidents where status = 'open')
        + (select count(*) from campaign_directives where status = 'open') as n`,
    );
    expect(Number(open[0]!.n)).toBe(0);
    const recs = await rowsOf<{ commune_code: string; status: string; outcome: string | null }>(
      t,
      sql`select commune_code, status, outcome from campaign_recommendations order by commune_code`,
    );
    expect(recs).toEqual([
      { commune_code: '18100', status: 'closed', outcome: 'resolved' },
      { commune_code: '18754', status: 'answered', outcome: 'partly' },
    ]);
    const before = await counts(t);
    expect((await seed()).created).toBe(0);
    expect(await counts(t)).toEqual(before);
  });
});

/** The checklist answers and the trial plans written the old way: answerItem once per answer, createTrial, holdTrial. */
const throughServices: DemoCampaignWriters = {
  async answers(_ctx, communes) {
    let n = 0;
    for (const { ctx, communeCode, answers } of communes)
      for (const { itemKey, input } of answers) {
        await answerItem(ctx, communeCode, itemKey, input);
        n += 1;
      }
    return n;
  },
  async trial(_ctx, trials) {
    const ids: string[] = [];
    for (const { ctx, communeCode, input, summary } of trials) {
      const trial = await createTrial(ctx, communeCode, input);
      ids.push((await holdTrial(ctx, trial.id, { version: trial.version, summary })).id);
    }
    return ids;
  },
  async incidents(_ctx, incidents) {
    for (const { ctx, communeCode, input, reporter, resolution } of incidents) {
      const incident = await createIncident(ctx, communeCode, input, reporter);
      if (resolution) await resolveIncident(ctx, incident.id, { version: incident.version, ...resolution });
    }
    return incidents.length;
  },
  async lessons(_ctx, lessons) {
    for (const { ctx, communeCode, input } of lessons) await createLesson(ctx, communeCode, input);
    return lessons.length;
  },
};

/**
 * The answers, the trial plans, the incidents and lessons, their audit entries and the readiness snapshots (times
 * written now left out; a plan named by its commune).
 */
async function written(db: Db) {
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  return {
    answers: await rows(sql`select commune_code, province_code, item_key, status, comment, owner,
        due_date::text as due_date, evidence, version, updated_by
      from readiness_answers order by commune_code, item_key`),
    audit: await rows(sql`select chain, seq, actor_id::text as actor_id, actor_name, actor_role, commune_code,
        action, entity_type, entity_id, before, after, request_id, client_address
      from audit_entries where entity_type = 'readiness_answer' order by chain, seq`),
    snapshots: await rows(sql`select commune_code, province_code, day::text as day, percent::text as percent,
        blockers from readiness_snapshots order by commune_code, day`),
    trials:
      await rows(sql`select commune_code, province_code, trial_date::text as trial_date, half_day, scope,
        working_group, observers, status, held_at, summary, note, created_by, version, created_at, updated_at
      from trial_plans order by commune_code`),
    trialAudit:
      await rows(sql`select a.chain, a.seq, a.actor_id::text as actor_id, a.actor_name, a.actor_role,
          a.commune_code, a.action, a.before, a.after - 'id' - 'heldAt' as after, a.after ? 'heldAt' as held
        from audit_entries a where a.entity_type = 'trial_plan' order by a.chain, a.seq`),
    incidents: await rows(sql`select i.commune_code, i.province_code, t.commune_code as trial_of, i.kind,
        i.severity, i.title, i.description, i.occurred_at, i.reported_by, i.status, i.resolved_at, i.resolved_by,
        i.resolution, i.version
      from campaign_incidents i left join trial_plans t on t.id = i.trial_id order by i.commune_code, i.title`),
    lessons:
      await rows(sql`select l.commune_code, l.province_code, t.commune_code as trial_of, l.title, l.body,
        l.tags, l.search_text, l.created_by
      from campaign_lessons l left join trial_plans t on t.id = l.trial_id order by l.commune_code, l.title`),
    incidentAndLessonAudit:
      await rows(sql`select a.chain, a.seq, a.actor_id::text as actor_id, a.actor_name, a.actor_role,
          a.commune_code, a.action, a.entity_type, a.before, a.after - 'id' - 'trialId' as after,
          (a.after ->> 'trialId') = t.id::text as of_trial
        from audit_entries a left join trial_plans t on t.commune_code = a.commune_code
        where a.entity_type in ('campaign_incident', 'campaign_lesson') order by a.chain, a.seq`),
    heads: await rows(sql`select chain, seq from audit_chain_heads order by chain`),
  };
}

describe.each(ENGINES)(
  'the demo checklist answers, trial plans, incidents and lessons written in bulk on %s',
  (engine) => {
    let bulk: TestDatabase;
    let useCases: TestDatabase;

    beforeAll(async () => {
      [bulk, useCases] = await Promise.all([
        createTestDatabase(engine, { map: true, demo: true }),
        createTestDatabase(engine, { map: true, demo: true }),
      ]);
      for (const database of [bulk, useCases])
        await seedDemoCampaign(systemContext(database.db, 'test seed'), () => {}, {
          scale: 'small',
          state: 'trial',
          ...(database === useCases ? { writers: throughServices } : {}),
        });
    }, 300_000);
    afterAll(async () => {
      await bulk?.dispose();
      await useCases?.dispose();
    });

    it('are what answerItem, createTrial, holdTrial, createIncident, resolveIncident and createLesson make of them, row for row and entry for entry', async () => {
      const expected = await written(useCases.db);
      const actual = await written(bulk.db);
      expect(expected.answers.length).toBeGreaterThanOrEqual(15);
      expect(expected.audit.length).toBe(expected.answers.length);
      expect(expected.trials.length).toBe(2);
      expect(expected.trialAudit.length).toBe(4);
      expect(expected.incidents.length).toBe(2);
      expect(expected.lessons.length).toBe(2);
      // Two incidents reported, one of them resolved; two lessons.
      expect(expected.incidentAndLessonAudit.length).toBe(5);
      expect(actual).toEqual(expected);
    });

    it('leave an audit chain that verifies', async () => {
      expect((await verifyAuditLog(bulk.db)).breaks).toEqual([]);
    });
  },
);
