/**
 * Issue 14's targets, side by side in one run, each with its figure, its ratio and whether it holds:
 *  - intake (PostgreSQL): POST /api/v1/dossiers at one counter (and at ten communes) beside the bench's own thin
 *    endpoint (bench/thin-server.mjs: Fastify + pg, one transaction inserting the dossier, its action and an audit
 *    row), same connections, alternating rounds (the order flips each round); each round's ratio and the median.
 *    Target: median ratio ≥ 0.5 and median p99 < 50 ms.
 *  - status (PostgreSQL): GET /api/v1/public/dossiers/{code}?verifier= beside the thin endpoint's select on the
 *    unique code, alternating rounds. Target: ≥ 0.5, p99 < 20 ms.
 *  - queue (PostgreSQL): GET /api/v1/dossiers?communeCode=&queue=&limit=50 cycling over the queue tabs of the
 *    busiest commune at `connections`, over generated dossiers (bench/dossiers-scale.ts). Target p99 < 30 ms at 1M.
 *  - embedded (PGlite): POST /api/v1/dossiers on a server on PGlite beside the same three rows inserted by this
 *    process into the same PGlite data (one process at a time: the server stops for the raw rounds). Target ≥ 0.5.
 *  - memory: `node bin/xaso.mjs serve` as `npm start` runs it (fresh data directory, full demo, web app, log level
 *    info): cold start from spawn to the first 200 on /api/v1/health (target < 10 s), then the bench's requests
 *    (commune look-ups, intakes, public look-ups, queue pages), then the resident memory of the server's process
 *    tree (target < 400 MB).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUEUE_TABS } from '../src/common/api/dossiers';
import { openDatabase } from '../src/server/db/database';
import { localDate } from '../src/server/modules/dossiers/domain';
import { TRIAL_COMMUNES } from '../src/server/seed/demo-org';
import { createServerData, freePort, loginOver, startServer } from '../tests/support/server-process';
import {
  type BenchProcedure,
  benchProcedure,
  intakeBody,
  type Lookup,
  officerOfCommunes,
  rawIntakeThroughput,
  receiveForLookups,
} from './dossiers';
import { loadFromSecondProcess, round } from './load';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const THIN = path.join(root, 'bench', 'thin-server.mjs');

export const TARGET_PARTS = ['intake', 'status', 'queue', 'embedded', 'memory'] as const;
export type TargetPart = (typeof TARGET_PARTS)[number];

export interface TargetOptions {
  connections: number;
  seconds: number;
  rounds: number;
  serverEnv: Record<string, string>;
  log: (s: string) => void;
}

/** One line of the targets table. */
export interface TargetRow {
  part: TargetPart;
  name: string;
  figure: string;
  target: string;
  pass: boolean;
}

export interface LoadRun {
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

export interface RoundFigures {
  app: LoadRun;
  baseline: LoadRun;
  ratio: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : round((s[m - 1]! + s[m]!) / 2);
};

export function summariseRounds(rounds: RoundFigures[]) {
  return {
    rounds,
    medianRatio: median(rounds.map((r) => r.ratio)),
    medianP99: median(rounds.map((r) => r.app.p99)),
    medianPerSecond: median(rounds.map((r) => r.app.perSecond)),
    medianBaselinePerSecond: median(rounds.map((r) => r.baseline.perSecond)),
    failed: rounds.reduce((n, r) => n + r.app.failed + r.baseline.failed, 0),
  };
}
export type RoundsSummary = ReturnType<typeof summariseRounds>;

/** The thin endpoint in a child process on the same database as the server. */
async function startThin(databaseUrl: string, procedure: BenchProcedure, connections: number) {
  const port = await freePort();
  const options = {
    databaseUrl,
    port,
    connections,
    procedure: { id: procedure.id, version: procedure.version, name: procedure.name },
    dueDate: localDate(new Date(Date.now() + 5 * 86_400_000)),
  };
  const child: ChildProcess = spawn(process.execPath, [THIN, JSON.stringify(options)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      output += d;
      if (output.includes('ready')) resolve();
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    child.once('exit', (code) => reject(new Error(`thin endpoint exited (${code}):\n${output}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

let keyCounter = 0;
/** POSTs intake bodies at `communes` (cycled) to `url` + `path` from the load process; distinct keys and applicants. */
async function intakeLoad(
  o: { url: string; path: string; headers?: Record<string, string>; procedure: BenchProcedure },
  communes: string[],
  connections: number,
  seconds: number,
): Promise<LoadRun> {
  const start = 1_000_000 + 100_000 * ++keyCounter;
  const r = await loadFromSecondProcess({
    url: o.url,
    connections,
    seconds,
    method: 'POST',
    paths: [o.path],
    headers: {
      ...o.headers,
      'content-type': 'application/json',
      'idempotency-key': `bench-t-${process.pid}-{n}`,
    },
    bodies: communes.map((c) => JSON.stringify(intakeBody(o.procedure, c, '{n}'))),
    start,
  });
  return {
    perSecond: Math.round(r.ok / r.seconds),
    p50: r.p50,
    p99: r.p99,
    failed: r.non2xx + r.errors,
  };
}

async function getLoad(url: string, paths: string[], connections: number, seconds: number, headers = {}) {
  const r = await loadFromSecondProcess({ url, connections, seconds, paths, headers });
  return {
    perSecond: Math.round(r.ok / r.seconds),
    p50: r.p50,
    p99: r.p99,
    failed: r.non2xx + r.errors,
  } satisfies LoadRun;
}

/**
 * `rounds` rounds of the app's load and the baseline's, alternating which goes first; each round's ratio of
 * completions per second (app ÷ baseline).
 */
async function alternate(
  rounds: number,
  app: () => Promise<LoadRun>,
  baseline: () => Promise<LoadRun>,
  log: (s: string) => void,
  name: string,
): Promise<RoundFigures[]> {
  const out: RoundFigures[] = [];
  for (let r = 0; r < rounds; r++) {
    let a: LoadRun;
    let b: LoadRun;
    if (r % 2 === 0) {
      b = await baseline();
      a = await app();
    } else {
      a = await app();
      b = await baseline();
    }
    const ratio = round(a.perSecond / Math.max(b.perSecond, 0.001), 2);
    log(
      `  ${name} round ${r + 1}: app ${a.perSecond}/s (p50 ${a.p50}, p99 ${a.p99} ms${a.failed ? `, ${a.failed} failed` : ''}), ` +
        `baseline ${b.perSecond}/s (p99 ${b.p99} ms${b.failed ? `, ${b.failed} failed` : ''}), ratio ${ratio}`,
    );
    out.push({ app: a, baseline: b, ratio });
  }
  return out;
}

export interface PostgresTargets {
  intakeOneCounter?: RoundsSummary;
  intakeTenCommunes?: RoundsSummary;
  publicStatus?: RoundsSummary;
}

/** Intake and public status against the thin endpoint, on a PostgreSQL copy of the demo data. */
export async function benchPostgresTargets(
  parts: TargetPart[],
  o: TargetOptions & { tenCommunes: boolean },
): Promise<PostgresTargets> {
  const { log, connections, seconds, rounds } = o;
  const data = await createServerData('postgres', 'xaso_bench_targets', { demo: true });
  const server = await startServer(data, { env: o.serverEnv });
  try {
    const procedure = await benchProcedure(server.baseUrl);
    const officer = await loginOver(server.baseUrl, 'motcua.tranphu');
    const thin = await startThin(data.open.databaseUrl!, procedure, connections);
    try {
      const out: PostgresTargets = {};
      const app = { url: server.baseUrl, path: '/api/v1/dossiers', procedure };
      const thinPost = { url: thin.baseUrl, path: '/thin/dossiers', procedure };
      // One untimed second each: connections opened, code paths compiled.
      await intakeLoad({ ...app, headers: officer }, ['18100'], connections, 1);
      await intakeLoad(thinPost, ['18100'], connections, 1);
      if (parts.includes('intake')) {
        log(`intake beside the thin endpoint, ${connections} connections, ${seconds} s × ${rounds} rounds…`);
        out.intakeOneCounter = summariseRounds(
          await alternate(
            rounds,
            () => intakeLoad({ ...app, headers: officer }, ['18100'], connections, seconds),
            () => intakeLoad(thinPost, ['18100'], connections, seconds),
            log,
            'one counter',
          ),
        );
        if (o.tenCommunes) {
          const admin = await loginOver(server.baseUrl, 'admin');
          const ten = await officerOfCommunes(server.baseUrl, admin, TRIAL_COMMUNES);
          out.intakeTenCommunes = summariseRounds(
            await alternate(
              rounds,
              () => intakeLoad({ ...app, headers: ten }, TRIAL_COMMUNES, connections, seconds),
              () => intakeLoad(thinPost, TRIAL_COMMUNES, connections, seconds),
              log,
              'ten communes',
            ),
          );
        }
      }
      if (parts.includes('status')) {
        log(`public status look-up beside the thin select, ${connections} connections…`);
        const lookups: Lookup[] = await receiveForLookups(
          { baseUrl: server.baseUrl, headers: officer, procedure, communes: ['18100'], tag: 'look' },
          200,
        );
        const q = (l: Lookup) => `${encodeURIComponent(l.code)}?verifier=${l.verifier}`;
        const appPaths = lookups.map((l) => `/api/v1/public/dossiers/${q(l)}`);
        const thinPaths = lookups.map((l) => `/thin/public/${q(l)}`);
        await getLoad(server.baseUrl, appPaths, connections, 1);
        await getLoad(thin.baseUrl, thinPaths, connections, 1);
        out.publicStatus = summariseRounds(
          await alternate(
            rounds,
            () => getLoad(server.baseUrl, appPaths, connections, seconds),
            () => getLoad(thin.baseUrl, thinPaths, connections, seconds),
            log,
            'public status',
          ),
        );
      }
      return out;
    } finally {
      await thin.stop();
    }
  } finally {
    await server.stop();
    await data.dispose();
  }
}

/**
 * The embedded engine: the server on PGlite (a copy of the demo data) against this process inserting the same
 * three rows per dossier into the same data, one at a time (PGlite admits one process).
 */
export async function benchEmbeddedTarget(
  o: TargetOptions,
): Promise<RoundsSummary & { warmStartMs: number[] }> {
  const { log, connections, seconds, rounds } = o;
  const data = await createServerData('pglite', 'xaso_bench_embedded', { demo: true });
  let procedure: BenchProcedure | undefined;
  const warmStartMs: number[] = [];
  let tag = 0;
  try {
    log(
      `embedded engine (PGlite): intake beside raw inserts in-process, ${connections} at once, ${rounds} rounds…`,
    );
    const app = async () => {
      const server = await startServer(data, { env: o.serverEnv });
      warmStartMs.push(Math.round(server.startMs));
      try {
        procedure ??= await benchProcedure(server.baseUrl);
        const officer = await loginOver(server.baseUrl, 'motcua.tranphu');
        const post = { url: server.baseUrl, path: '/api/v1/dossiers', headers: officer, procedure };
        await intakeLoad(post, ['18100'], connections, 1);
        return await intakeLoad(post, ['18100'], connections, seconds);
      } finally {
        await server.stop();
      }
    };
    const raw = async () => {
      const database = await openDatabase(data.open);
      try {
        const r = await rawIntakeThroughput(database, {
          procedure: procedure!,
          communes: ['18100'],
          connections,
          seconds,
          tag: `emb${++tag}`,
          audit: true,
        });
        return { perSecond: r.dossiersPerSecond, p50: r.p50, p99: r.p99, failed: 0 };
      } finally {
        await database.close();
      }
    };
    // The first round starts with the server: the raw inserts need the procedure it serves.
    const rs: RoundFigures[] = [];
    for (let r = 0; r < rounds; r++) {
      let a: LoadRun;
      let b: LoadRun;
      if (r % 2 === 0) {
        a = await app();
        b = await raw();
      } else {
        b = await raw();
        a = await app();
      }
      const ratio = round(a.perSecond / Math.max(b.perSecond, 0.001), 2);
      log(
        `  embedded round ${r + 1}: app ${a.perSecond}/s (p50 ${a.p50}, p99 ${a.p99} ms${a.failed ? `, ${a.failed} failed` : ''}), ` +
          `raw PGlite ${b.perSecond}/s (p99 ${b.p99} ms), ratio ${ratio}`,
      );
      rs.push({ app: a, baseline: b, ratio });
    }
    return { ...summariseRounds(rs), warmStartMs };
  } finally {
    await data.dispose();
  }
}

/** Resident set size (kB → MB) of a process and its descendants, from /proc. */
function treeRssMb(pid: number): { rssMb: number; peakMb: number; processes: number } {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    const dir = `/proc/${pids[i]}/task`;
    if (!fs.existsSync(dir)) continue;
    for (const t of fs.readdirSync(dir)) {
      const f = path.join(dir, t, 'children');
      if (!fs.existsSync(f)) continue;
      for (const c of fs.readFileSync(f, 'utf8').trim().split(/\s+/)) if (c) pids.push(Number(c));
    }
  }
  let rss = 0;
  let peak = 0;
  for (const p of pids) {
    const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
    rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return { rssMb: Math.round(rss / 1024), peakMb: Math.round(peak / 1024), processes: pids.length };
}

export interface MemoryFigures {
  coldStartMs: number;
  /**
   * Whether that first start wrote a start template into node_modules/.cache/xaso-start (so it was the first
   * start of this version on the machine), and then the start of a second fresh data directory, which loads it.
   */
  templateBuilt: boolean;
  secondFreshStartMs: number | null;
  /** From spawn until the demo officer can log in (the demo is usable). */
  demoLoginMs: number;
  afterStart: { rssMb: number; peakMb: number; processes: number };
  afterRequests: { rssMb: number; peakMb: number; processes: number };
  requests: { name: string; perSecond: number; p99: number; failed: number }[];
  webApp: boolean;
}

/**
 * `npm start` on a fresh data directory (without its web build step: the build in dist/web is served if there):
 * the cold start, then the bench's requests, then the server's resident memory.
 */
export async function benchMemoryTarget(o: TargetOptions): Promise<MemoryFigures> {
  const { log, connections, seconds } = o;
  const data = await createServerData('pglite', 'xaso_bench_memory');
  const webDir = path.join(root, 'dist', 'web');
  const env = {
    ...o.serverEnv,
    XASO_DEMO_SCALE: 'full',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    XASO_WEB_DIR: webDir,
  };
  const cacheDir = path.join(root, 'node_modules', '.cache', 'xaso-start');
  const cached = () => new Set(fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);
  try {
    log('npm start on a fresh data directory (full demo, log level info): cold start…');
    const before = cached();
    const server = await startServer(data, { timeoutMs: 600_000, env });
    try {
      const coldStartMs = Math.round(server.startMs);
      const spawnedAt = performance.now() - server.startMs;
      let officer: Record<string, string> | undefined;
      while (!officer) {
        officer = await loginOver(server.baseUrl, 'motcua.tranphu').catch(() => undefined);
        if (!officer) await new Promise((r) => setTimeout(r, 100));
      }
      const demoLoginMs = Math.round(performance.now() - spawnedAt);
      const afterStart = treeRssMb(server.child.pid!);
      log(`  first 200 on /api/v1/health after ${coldStartMs} ms, demo login after ${demoLoginMs} ms`);
      const base = server.baseUrl;
      const procedure = await benchProcedure(base);
      const specialist = await loginOver(base, 'chuyenvien.tranphu');
      const codes = (
        (await (await fetch(`${base}/api/v1/communes?limit=200`)).json()) as { items: { code: string }[] }
      ).items.map((c) => c.code);
      const requests: MemoryFigures['requests'] = [];
      const note = (name: string, r: LoadRun) => {
        requests.push({ name, perSecond: r.perSecond, p99: r.p99, failed: r.failed });
        log(`  ${name}: ${r.perSecond}/s, p99 ${r.p99} ms${r.failed ? `, ${r.failed} failed` : ''}`);
      };
      note(
        'GET /api/v1/communes/{code}',
        await getLoad(
          base,
          codes.map((c) => `/api/v1/communes/${c}`),
          connections,
          seconds,
        ),
      );
      note(
        'POST /api/v1/dossiers',
        await intakeLoad(
          { url: base, path: '/api/v1/dossiers', headers: officer, procedure },
          ['18100'],
          connections,
          seconds,
        ),
      );
      const lookups = await receiveForLookups(
        { baseUrl: base, headers: officer, procedure, communes: ['18100'], tag: 'mem' },
        100,
      );
      note(
        'GET /api/v1/public/dossiers/{code}',
        await getLoad(
          base,
          lookups.map((l) => `/api/v1/public/dossiers/${encodeURIComponent(l.code)}?verifier=${l.verifier}`),
          connections,
          seconds,
        ),
      );
      note(
        'GET /api/v1/dossiers (queue tabs)',
        await getLoad(
          base,
          QUEUE_TABS.map((q) => `/api/v1/dossiers?communeCode=18100&queue=${q}&limit=50`),
          connections,
          seconds,
          specialist,
        ),
      );
      const webApp = fs.existsSync(path.join(webDir, 'index.html'));
      if (webApp) note('GET / (web app)', await getLoad(base, ['/', '/tra-cuu-ho-so'], connections, 2));
      const afterRequests = treeRssMb(server.child.pid!);
      log(
        `  resident memory: ${afterStart.rssMb} MB after start, ${afterRequests.rssMb} MB after the requests ` +
          `(peak ${afterRequests.peakMb} MB, ${afterRequests.processes} process(es))`,
      );
      await server.stop();
      const templateBuilt = [...cached()].some((f) => !before.has(f) && !f.endsWith('.partial'));
      let secondFreshStartMs: number | null = null;
      if (templateBuilt) {
        const second = await createServerData('pglite', 'xaso_bench_memory2');
        try {
          const s2 = await startServer(second, { timeoutMs: 600_000, env });
          secondFreshStartMs = Math.round(s2.startMs);
          await s2.stop();
        } finally {
          await second.dispose();
        }
        log(
          `  the first start built the start template; a second fresh data directory: ${secondFreshStartMs} ms`,
        );
      }
      return {
        coldStartMs,
        templateBuilt,
        secondFreshStartMs,
        demoLoginMs,
        afterStart,
        afterRequests,
        requests,
        webApp,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await data.dispose();
  }
}

export interface QueueLoadFigures {
  dossiers: number;
  commune: string;
  connections: number;
  mixed: LoadRun;
  byTab: { queue: string; p50: number; p99: number; perSecond: number; failed: number }[];
}

/** The queue tabs of `commune` over HTTP as a specialist, mixed, then (unless `quick`) tab by tab. */
export async function queuePageLoad(
  baseUrl: string,
  commune: string,
  o: Pick<TargetOptions, 'connections' | 'seconds' | 'log'> & { byTab: boolean },
): Promise<Omit<QueueLoadFigures, 'dossiers'>> {
  const specialist = await loginOver(baseUrl, 'chuyenvien.tranphu');
  const path = (q: string) => `/api/v1/dossiers?communeCode=${commune}&queue=${q}&limit=50`;
  const check = await fetch(`${baseUrl}${path('all')}`, { headers: specialist });
  if (check.status !== 200) throw new Error(`queue page: ${check.status} ${await check.text()}`);
  await getLoad(baseUrl, QUEUE_TABS.map(path), o.connections, 1, specialist);
  const mixed = await getLoad(baseUrl, QUEUE_TABS.map(path), o.connections, o.seconds, specialist);
  o.log(`  queue tabs mixed: ${mixed.perSecond}/s, p50 ${mixed.p50}, p99 ${mixed.p99} ms`);
  const byTab: QueueLoadFigures['byTab'] = [];
  if (o.byTab)
    for (const q of QUEUE_TABS) {
      const r = await getLoad(baseUrl, [path(q)], o.connections, 2, specialist);
      byTab.push({ queue: q, ...r });
      o.log(`  queue ${q}: p50 ${r.p50}, p99 ${r.p99} ms`);
    }
  return { commune, connections: o.connections, mixed, byTab };
}

/** The table rows of whatever targets were measured. */
export function targetRows(t: {
  intakeOneCounter?: RoundsSummary;
  intakeTenCommunes?: RoundsSummary;
  publicStatus?: RoundsSummary;
  queue?: QueueLoadFigures | null;
  embedded?: RoundsSummary;
  memory?: MemoryFigures;
}): TargetRow[] {
  const rows: TargetRow[] = [];
  const rs = (s: RoundsSummary) => s.rounds.map((r) => r.ratio).join(', ');
  const intake = (name: string, s: RoundsSummary | undefined) => {
    if (!s) return;
    rows.push({
      part: 'intake',
      name: `${name}: API ÷ thin endpoint (median of ${rs(s)})`,
      figure: `${s.medianRatio} (${s.medianPerSecond} vs ${s.medianBaselinePerSecond}/s)`,
      target: '≥ 0.5',
      pass: s.medianRatio >= 0.5,
    });
    rows.push({
      part: 'intake',
      name: `${name}: POST /dossiers p99 (median of rounds)`,
      figure: `${s.medianP99} ms`,
      target: '< 50 ms',
      pass: s.medianP99 < 50,
    });
  };
  intake('intake, one counter', t.intakeOneCounter);
  intake('intake, ten communes', t.intakeTenCommunes);
  if (t.publicStatus) {
    const s = t.publicStatus;
    rows.push({
      part: 'status',
      name: `public look-up ÷ thin select (median of ${rs(s)})`,
      figure: `${s.medianRatio} (${s.medianPerSecond} vs ${s.medianBaselinePerSecond}/s)`,
      target: '≥ 0.5',
      pass: s.medianRatio >= 0.5,
    });
    rows.push({
      part: 'status',
      name: 'public look-up p99 (median of rounds)',
      figure: `${s.medianP99} ms`,
      target: '< 20 ms',
      pass: s.medianP99 < 20,
    });
  }
  if (t.queue) {
    const q = t.queue;
    const worst = q.byTab.length ? q.byTab.reduce((a, b) => (b.p99 > a.p99 ? b : a)) : null;
    rows.push({
      part: 'queue',
      name: `queue page (50 rows) p99, tabs mixed, ${q.connections} conn., ${q.dossiers.toLocaleString('en')} dossiers`,
      figure: `${q.mixed.p99} ms${worst ? ` (worst tab ${worst.queue} ${worst.p99} ms)` : ''}`,
      target: q.dossiers >= 1_000_000 ? '< 30 ms' : '< 30 ms (at 1M: not this count)',
      pass: q.mixed.p99 < 30 && q.dossiers >= 1_000_000,
    });
  }
  if (t.embedded) {
    const s = t.embedded;
    rows.push({
      part: 'embedded',
      name: `PGlite intake ÷ raw PGlite inserts (median of ${rs(s)})`,
      figure: `${s.medianRatio} (${s.medianPerSecond} vs ${s.medianBaselinePerSecond}/s)`,
      target: '≥ 0.5',
      pass: s.medianRatio >= 0.5,
    });
  }
  if (t.memory) {
    const m = t.memory;
    rows.push({
      part: 'memory',
      name: `npm start, fresh data, full demo: spawn → first 200 /health${m.templateBuilt ? ' (first start of this version: built the start template)' : ''}`,
      figure: `${round(m.coldStartMs / 1000, 1)} s (demo login ${round(m.demoLoginMs / 1000, 1)} s)`,
      target: '< 10 s',
      pass: m.coldStartMs < 10_000,
    });
    if (m.secondFreshStartMs !== null)
      rows.push({
        part: 'memory',
        name: 'npm start, a second fresh data directory (start template cached)',
        figure: `${round(m.secondFreshStartMs / 1000, 1)} s`,
        target: '< 10 s',
        pass: m.secondFreshStartMs < 10_000,
      });
    rows.push({
      part: 'memory',
      name: 'resident memory after the bench requests',
      figure: `${m.afterRequests.rssMb} MB (peak ${m.afterRequests.peakMb}, after start ${m.afterStart.rssMb})`,
      target: '< 400 MB',
      pass: m.afterRequests.rssMb < 400,
    });
  }
  return rows;
}
