/**
 * Citizen feedback figures of `npm run bench` (issue 13 §6), PostgreSQL only, over a province's worth of reports
 * (Hà Tĩnh, 500,000 by default, BENCH_FEEDBACK): bench/generate-feedback.ts fills a database of its own (the map,
 * the demo, the province's starter categories, then the reports), a server runs on it in a child process and the
 * load comes from a second process (bench/load-worker.mjs), each figure beside the raw database where it does the
 * same work:
 *  - public submissions/s: POST /api/v1/public/feedback (JSON; the ten trial communes in turn; two reporters in
 *    three leave a phone, the third is anonymous and gets a PIN — an argon2 hash) vs the raw INSERTs of the same
 *    rows (the report, its receive action, an audit row after its chain head) in one transaction each;
 *  - the public list GET /api/v1/public/feedback?provinceCode=42 (newest published, and searched without
 *    diacritics) and the staff queue GET /api/v1/communes/<busiest>/feedback as its leader (newest, by state,
 *    overdue, searched), p50/p99 under load;
 *  - the duplicate suggestion GET /api/v1/public/feedback/duplicates while a citizen writes (text and point in the
 *    busiest commune), target p99 < 50 ms, beside the same SQL statement raw (the candidates by trigram distance
 *    and within a box around the point, scored by word similarity and distance: feedback/duplicates.ts).
 *
 * `npm run bench -- --only feedback` runs this part alone and updates only its figures in results.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../src/server/db/database';
import { ensureStarterCategories } from '../src/server/modules/feedback/categories';
import { duplicateCandidatesSql } from '../src/server/modules/feedback/duplicates';
import { feedbackSearchText } from '../src/server/modules/feedback/reports';
import { TRIAL_COMMUNES } from '../src/server/seed/demo-org';
import { createServerData, loginOver, startServer } from '../tests/support/server-process';
import { type GeneratedFeedback, generateFeedback } from './generate-feedback';
import { type LoadFigures, loadFromSecondProcess, rawLoops, round } from './load';

export const FEEDBACK_REPORTS = Number(process.env.BENCH_FEEDBACK ?? 500_000);
const PROVINCE = '42';
const BUSIEST = '18100';
export const DUPLICATE_TARGET_MS = 50;
const dialect = new PgDialect();

export interface FeedbackBenchOptions {
  count: number;
  connections: number;
  loadSeconds: number;
  rawSeconds: number;
  /** The server's environment (the public rate limits lifted). */
  serverEnv: Record<string, string>;
  log: (s: string) => void;
}

interface Latency {
  p50: number;
  p99: number;
  requestsPerSecond: number;
  failed: number;
}

export interface FeedbackFigures {
  reports: number;
  communes: number;
  generationSeconds: number;
  busiest: GeneratedFeedback['busiest'];
  published: number;
  connections: number;
  /** The machine's 1-minute load average when the load phase began and when it ended (shared machines). */
  loadAverage: { start: number; end: number };
  submissions: {
    api: { reportsPerSecond: number; p50: number; p99: number; failed: number };
    raw: { reportsPerSecond: number; p50: number; p99: number };
    ratio: number;
  };
  publicList: { name: string; path: string; figures: Latency }[];
  staffQueue: { name: string; path: string; figures: Latency }[];
  duplicates: {
    api: Latency;
    raw: { p50: number; p99: number; perSecond: number };
    targetP99Ms: number;
    met: boolean;
  };
}

const latency = (r: LoadFigures): Latency => ({
  p50: r.p50,
  p99: r.p99,
  requestsPerSecond: r.requestsPerSecond,
  failed: r.non2xx + r.errors,
});

/** An account of the busiest commune's leader, its first password changed as required. */
async function leaderOf(baseUrl: string, admin: Record<string, string>, communeCode: string) {
  const first = 'Bench-first-2025!';
  const password = 'Bench-leader-2025!';
  const res = await fetch(`${baseUrl}/api/v1/accounts`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'bench.lanhdao',
      displayName: 'Lãnh đạo xã (benchmark)',
      password: first,
      grants: [{ role: 'commune_leader', communeCode }],
    }),
  });
  if (res.status !== 201) throw new Error(`create account: ${res.status} ${await res.text()}`);
  const once = await loginOver(baseUrl, 'bench.lanhdao', first);
  const changed = await fetch(`${baseUrl}/api/v1/auth/change-password`, {
    method: 'POST',
    headers: { ...once, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: first, newPassword: password }),
  });
  if (changed.status !== 204) throw new Error(`change password: ${changed.status} ${await changed.text()}`);
  return loginOver(baseUrl, 'bench.lanhdao', password);
}

/** A citizen's report (a string: the load worker puts the request's number in for "{n}"). */
function submission(communeCode: string, categoryId: string, k: number) {
  const reporter =
    k % 3 === 2
      ? {}
      : { reporterName: 'Nguyễn Văn An', reporterPhone: '0912{n}' /* 10 digits while n < 1,000,000 */ };
  return JSON.stringify({
    communeCode,
    categoryId,
    title: 'Đèn đường hỏng trước nhà số {n}',
    content: 'Cột đèn đường trước nhà số {n} thôn 3 đã tắt hơn một tuần, buổi tối rất tối và nguy hiểm.',
    placeText: 'Thôn 3, trước nhà số {n}',
    latitude: 18.08 + (k % 7) * 0.001,
    longitude: 105.5 + (k % 5) * 0.001,
    ...reporter,
  });
}

/** The raw database doing an intake's writes: the report, its receive action, an audit row after its chain head. */
async function rawSubmissions(
  pool: pg.Pool,
  o: FeedbackBenchOptions,
  communes: string[],
  categoryId: string,
) {
  const figures = await rawLoops(o.connections, o.rawSeconds, async (i) => {
    const client = await pool.connect();
    try {
      const id = uuidv7();
      const c = communes[i % communes.length]!;
      const title = `Đèn đường hỏng trước nhà số ${i}`;
      const content = `Cột đèn đường trước nhà số ${i} thôn 3 đã tắt hơn một tuần, buổi tối rất tối và nguy hiểm.`;
      await client.query('begin');
      await client.query(
        `insert into feedback_reports (id, code, commune_code, province_code, category_id, channel, title, content,
           search_text, place_text, latitude, longitude, reporter_name, reporter_phone, anonymous, state,
           received_at, transfer_due_date, created_at, updated_at)
         values ($1, $2, $3, $4, $5, 'web', $6, $7, $8, $9, $10, $11, $12, $13, false, 'received', now(),
           current_date + 7, now(), now())`,
        [
          id,
          `RAW-${c}-${i}`,
          c,
          PROVINCE,
          categoryId,
          title,
          content,
          feedbackSearchText(title, content),
          `Thôn 3, trước nhà số ${i}`,
          18.08,
          105.5,
          'Nguyễn Văn An',
          '0912345678',
        ],
      );
      await client.query(
        `insert into feedback_actions (id, report_id, commune_code, action, from_state, to_state, actor_kind, data, at)
         values ($1, $2, $3, 'receive', null, 'received', 'reporter', '{"channel":"web","files":0}'::jsonb, now())`,
        [uuidv7(), id, c],
      );
      const head = await client.query<{ seq: string }>(
        `insert into audit_chain_heads (chain, seq, hash) values ($1, 1, md5($2))
         on conflict (chain) do update set seq = audit_chain_heads.seq + 1, hash = md5($2) returning seq`,
        [`bench:${c}`, id],
      );
      await client.query(
        `insert into audit_entries (chain, seq, at, actor_name, commune_code, action, entity_type, entity_id, after,
           prev_hash, hash)
         values ($1, $2::bigint, now(), 'anonymous', $3, 'feedback.receive', 'feedback_report', $4, $5::jsonb, md5($4),
           md5($1 || $4))`,
        [
          `bench:${c}`,
          head.rows[0]!.seq,
          c,
          id,
          JSON.stringify({ code: `RAW-${c}-${i}`, channel: 'web', title }),
        ],
      );
      await client.query('commit');
    } catch (e) {
      await client.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  });
  return { reportsPerSecond: figures.perSecond, p50: figures.p50, p99: figures.p99 };
}

/** What citizens type while writing, with a point near the busiest commune's centre (or none). */
const PROBES = [
  'Đèn đường bị hỏng ở thôn 3, tối không có ánh sáng',
  'den duong khong sang',
  'Ổ gà to giữa đường liên thôn',
  'rác thải ở chợ lâu ngày không ai dọn',
  'Nhà tôi chưa được cập nhật địa chỉ mới sau sáp nhập',
  'cống bị tắc nước tràn ra đường',
];

function duplicateProbes(busiest: GeneratedFeedback['busiest']) {
  return PROBES.flatMap((text, k) => [
    { text, point: null as null | { latitude: number; longitude: number } },
    {
      text,
      point: {
        latitude: round(busiest.latitude + ((k % 5) - 2) * 0.004, 6),
        longitude: round(busiest.longitude + ((k % 3) - 1) * 0.004, 6),
      },
    },
  ]);
}

/** The one statement of feedback/duplicates.ts findDuplicates (public form), rendered as the server sends it. */
function duplicateSql(
  communeCode: string,
  text: string,
  point: { latitude: number; longitude: number } | null,
) {
  const q = dialect.sqlToQuery(
    duplicateCandidatesSql({
      communeCode,
      searchText: feedbackSearchText('', text),
      point,
      publicOnly: true,
    }),
  );
  return [{ sql: q.sql, params: q.params }];
}

export async function benchFeedback(o: FeedbackBenchOptions): Promise<FeedbackFigures> {
  const { log } = o;
  const data = await createServerData('postgres', 'xaso_bench_feedback');
  try {
    log('cold start (migrate, import the map, seed demo data)…');
    const cold = await startServer(data, { env: o.serverEnv });
    await cold.stop();
    const url = data.open.databaseUrl!;
    const database = await openDatabase(data.open);
    let generated: GeneratedFeedback;
    try {
      await ensureStarterCategories(database.db, PROVINCE);
    } finally {
      await database.close();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let communes: string[];
    let categoryId: string;
    try {
      log(`generating ${o.count} reports in Hà Tĩnh (${PROVINCE}), a fifth in ${BUSIEST}…`);
      generated = await generateFeedback(client, {
        provinceCode: PROVINCE,
        count: o.count,
        busiest: BUSIEST,
      });
      log(
        `generated in ${generated.seconds} s: ${generated.busiest.reports} in ${BUSIEST} (${generated.busiest.open} open), ` +
          `${generated.published} published in the province`,
      );
      const trial = await client.query<{ code: string }>(
        'select code from communes where province_code = $1 and code = any($2::text[]) order by code',
        [PROVINCE, TRIAL_COMMUNES],
      );
      communes = trial.rows.map((r) => r.code);
      const cat = await client.query<{ id: string }>(
        "select id from feedback_categories where province_code = $1 and key = 'infrastructure'",
        [PROVINCE],
      );
      categoryId = cat.rows[0]?.id ?? '';
      if (!categoryId || !communes.length)
        throw new Error('no infrastructure category or no trial commune in 42');
    } finally {
      await client.end();
    }

    const server = await startServer(data, { env: o.serverEnv });
    const { baseUrl } = server;
    const load = { url: baseUrl, connections: o.connections, seconds: o.loadSeconds };
    const loadStart = round(os.loadavg()[0]!, 1);
    let figures: Omit<FeedbackFigures, 'submissions' | 'duplicates'> & {
      submissionsApi: FeedbackFigures['submissions']['api'];
      duplicatesApi: Latency;
    };
    try {
      const admin = await loginOver(baseUrl, 'admin');
      const leader = await leaderOf(baseUrl, admin, BUSIEST);

      log(
        `load: POST /api/v1/public/feedback over ${communes.length} communes, ${o.connections} connections…`,
      );
      const sub = await loadFromSecondProcess({
        ...load,
        method: 'POST',
        paths: ['/api/v1/public/feedback'],
        headers: { 'content-type': 'application/json' },
        bodies: Array.from({ length: communes.length * 3 }, (_, k) =>
          submission(communes[k % communes.length]!, categoryId, k),
        ),
        start: 100_000,
      });
      const submissionsApi = {
        reportsPerSecond: Math.round(sub.ok / sub.seconds),
        p50: sub.p50,
        p99: sub.p99,
        failed: sub.non2xx + sub.errors,
      };
      if (submissionsApi.failed) log(`submissions not accepted: ${JSON.stringify(sub.statusCodes)}`);

      const measure = async (name: string, path: string, headers?: Record<string, string>) => {
        log(`load: GET ${path}…`);
        const r = await loadFromSecondProcess({ ...load, paths: [path], headers });
        if (r.non2xx + r.errors) log(`  not every answer was 2xx: ${JSON.stringify(r.statusCodes)}`);
        return { name, path, figures: latency(r) };
      };
      const publicList = [
        await measure('newest published', `/api/v1/public/feedback?provinceCode=${PROVINCE}`),
        await measure(
          'search "đèn đường"',
          `/api/v1/public/feedback?provinceCode=${PROVINCE}&q=${encodeURIComponent('đèn đường')}`,
        ),
        await measure(
          'search "karaoke ban dem"',
          `/api/v1/public/feedback?provinceCode=${PROVINCE}&q=${encodeURIComponent('karaoke ban dem')}`,
        ),
      ];
      const queue = `/api/v1/communes/${BUSIEST}/feedback`;
      const staffQueue = [
        await measure('newest, with counts', queue, leader),
        await measure('state assigned', `${queue}?state=assigned`, leader),
        await measure('overdue', `${queue}?due=overdue`, leader),
        await measure('search "den duong"', `${queue}?q=${encodeURIComponent('den duong')}`, leader),
      ];

      const probes = duplicateProbes(generated.busiest);
      log(`load: GET /api/v1/public/feedback/duplicates (${probes.length} probes in ${BUSIEST})…`);
      const dup = await loadFromSecondProcess({
        ...load,
        paths: probes.map(
          (p) =>
            `/api/v1/public/feedback/duplicates?communeCode=${BUSIEST}&text=${encodeURIComponent(p.text)}` +
            (p.point ? `&lat=${p.point.latitude}&lng=${p.point.longitude}` : ''),
        ),
      });
      if (dup.non2xx + dup.errors) log(`  not every answer was 2xx: ${JSON.stringify(dup.statusCodes)}`);
      figures = {
        reports: generated.reports,
        communes: generated.communes.length,
        generationSeconds: generated.seconds,
        busiest: generated.busiest,
        published: generated.published,
        connections: o.connections,
        loadAverage: { start: loadStart, end: round(os.loadavg()[0]!, 1) },
        publicList,
        staffQueue,
        submissionsApi,
        duplicatesApi: latency(dup),
      };
    } finally {
      await server.stop();
    }

    log('raw: the same inserts and the duplicate queries through pg…');
    const pool = new pg.Pool({ connectionString: url, max: o.connections });
    try {
      const raw = await rawSubmissions(pool, o, communes, categoryId);
      const probes = duplicateProbes(generated.busiest);
      const dupRaw = await rawLoops(o.connections, o.rawSeconds, (i) => {
        const p = probes[i % probes.length]!;
        return Promise.all(duplicateSql(BUSIEST, p.text, p.point).map((q) => pool.query(q.sql, q.params)));
      });
      const api = figures.duplicatesApi;
      if (api.p99 >= DUPLICATE_TARGET_MS || dupRaw.p99 >= DUPLICATE_TARGET_MS) {
        // Where the time goes: the plans of the first probe with a point, on the generated data.
        const p = probes.find((x) => x.point)!;
        for (const q of duplicateSql(BUSIEST, p.text, p.point)) {
          const plan = await pool.query<{ 'QUERY PLAN': string }>(
            `explain (analyze, buffers) ${q.sql}`,
            q.params,
          );
          log(`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        }
      }
      const { submissionsApi, duplicatesApi, ...rest } = figures;
      return {
        ...rest,
        submissions: {
          api: submissionsApi,
          raw,
          ratio: round(submissionsApi.reportsPerSecond / Math.max(raw.reportsPerSecond, 0.001), 2),
        },
        duplicates: {
          api: duplicatesApi,
          raw: dupRaw,
          targetP99Ms: DUPLICATE_TARGET_MS,
          met: duplicatesApi.p99 < DUPLICATE_TARGET_MS,
        },
      };
    } finally {
      await pool.end();
    }
  } finally {
    await data.dispose();
  }
}

function table(rows: string[][], log: (s: string) => void) {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  log('');
  for (const [i, r] of rows.entries()) {
    log(`| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
    if (i === 0) log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  }
}

export function printFeedback(f: FeedbackFigures, log: (s: string) => void) {
  log(
    `\nfeedback, postgres: ${f.reports} reports in ${f.communes} communes of Hà Tĩnh (generated in ` +
      `${f.generationSeconds} s), ${f.busiest.reports} in ${f.busiest.code} (${f.busiest.open} open), ` +
      `${f.published} published; ${f.connections} connections; load average ${f.loadAverage.start} → ` +
      `${f.loadAverage.end} on ${os.cpus().length} cores:`,
  );
  const s = f.submissions;
  const d = f.duplicates;
  const pair = (a: { p50: number; p99: number }) => `${a.p50} / ${a.p99}`;
  table(
    [
      ['figure', 'p50 / p99 (ms)', 'per second'],
      ['POST /public/feedback (reports)', pair(s.api), String(s.api.reportsPerSecond)],
      ['raw INSERTs, same rows (reports)', pair(s.raw), String(s.raw.reportsPerSecond)],
      ['submissions: API ÷ raw', '', String(s.ratio)],
      ...f.publicList.map((q) => [
        `GET /public/feedback, ${q.name}`,
        pair(q.figures),
        String(q.figures.requestsPerSecond),
      ]),
      ...f.staffQueue.map((q) => [
        `staff queue, ${q.name}`,
        pair(q.figures),
        String(q.figures.requestsPerSecond),
      ]),
      [
        `duplicates while writing (target p99 < ${d.targetP99Ms})`,
        pair(d.api),
        String(d.api.requestsPerSecond),
      ],
      ['raw SQL, the same statement', pair(d.raw), String(d.raw.perSecond)],
      ['duplicate target met', d.met ? 'yes' : 'NO', ''],
    ],
    log,
  );
  const failed = [
    s.api.failed,
    ...f.publicList.map((q) => q.figures.failed),
    ...f.staffQueue.map((q) => q.figures.failed),
    d.api.failed,
  ];
  if (failed.some((n) => n > 0)) log(`not every request succeeded (non-2xx or errors): ${failed.join(', ')}`);
}

/** `--only feedback`: measure this part and write its figures into the existing results.json. */
export async function mainFeedbackOnly(o: FeedbackBenchOptions, resultsFile: string) {
  const feedback = await benchFeedback(o);
  const previous = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {};
  fs.writeFileSync(
    resultsFile,
    `${JSON.stringify({ ...previous, feedback, feedbackDate: new Date().toISOString() }, null, 2)}\n`,
  );
  printFeedback(feedback, o.log);
  o.log('\nwritten to bench/results.json (feedback)');
}
