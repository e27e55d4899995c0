/**
 * `npm run bench`: XãSố's speed figures, each beside the raw database doing the same work, on PGlite and on
 * PostgreSQL. Prints a table and writes bench/results.json. Not a test: nothing here passes or fails.
 *
 *  - resolver: resolutions/s over the address test set, and its top-1 accuracy
 *  - GET /api/v1/communes/{code}: p50/p99 latency under load from this process (autocannon) against a server
 *    in a child process, beside the same lookup as one raw SQL query through the driver
 *  - deadline computations per second (pure calendar)
 *  - cold start (empty data: migrate + import the national map) and warm start to the first served request
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, EngineKind } from '../src/server/db/database';
import { openDatabase } from '../src/server/db/database';
import { WorkingCalendar } from '../src/server/modules/calendar/working-days';
import { buildResolverIndex, resolveAddress } from '../src/server/modules/units/resolver';
import { type AddressTestSet, measureAccuracy } from '../src/server/modules/units/resolver-accuracy';
import { loadSnapshot } from '../src/server/modules/units/service';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const log = (s: string) => process.stdout.write(`${s}\n`);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function waitForHealth(port: number, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not become healthy');
}

async function startServer(env: Record<string, string>, port: number) {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'xaso.mjs'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      XASO_WEB_DIR: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(port, child);
  return { child, startMs: performance.now() - started };
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The same lookup the endpoint answers, as one hand-written SQL query. */
const RAW_COMMUNE_SQL = `
  select c.code, c.name, c.kind, p.code as province_code, p.name as province_name,
         coalesce(json_agg(json_build_object('code', f.code, 'name', f.name, 'district', f.district_name, 'partial', t.partial))
                  filter (where f.code is not null), '[]') as former_units
  from communes c
  join provinces p on p.code = c.province_code
  left join former_unit_targets t on t.commune_code = c.code
  left join former_units f on f.code = t.former_unit_code
  where c.code = $1
  group by c.code, p.code`;

async function rawCommuneLatency(kind: EngineKind, database: Database, codes: string[]) {
  const samples: number[] = [];
  const until = performance.now() + 3000;
  let i = 0;
  // Same concurrency as the load on the endpoint: CONNECTIONS loops at once (PGlite queues them internally).
  const pool =
    kind === 'postgres'
      ? new pg.Pool({ connectionString: (database as Database & { url?: string }).url, max: CONNECTIONS })
      : null;
  const query = (code: string) =>
    pool
      ? pool.query(RAW_COMMUNE_SQL, [code])
      : database.db.execute(sql.raw(RAW_COMMUNE_SQL.replace('$1', `'${code}'`)));
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await query(codes[i++ % codes.length]!);
        samples.push(performance.now() - t0);
      }
    }),
  );
  await pool?.end();
  samples.sort((a, b) => a - b);
  const seconds = 3;
  return {
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    perSecond: Math.round(samples.length / seconds),
  };
}

async function loadCommuneEndpoint(port: number, codes: string[]) {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: LOAD_SECONDS,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: `/api/v1/communes/${codes[i++ % codes.length]}` }),
      },
    ],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    perSecond: Math.round(result.requests.average),
    non2xx: result.non2xx,
  };
}

function resolverFigures(database: Database) {
  return async () => {
    const index = buildResolverIndex(await loadSnapshot(database.db));
    const set = JSON.parse(
      fs.readFileSync(path.join(root, 'bench', 'data', 'address-testset.json'), 'utf8'),
    ) as AddressTestSet;
    const accuracy = measureAccuracy(index, set.cases);
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 2000) {
      resolveAddress(index, set.cases[n % set.cases.length]!.q);
      n++;
    }
    return {
      cases: accuracy.total,
      top1Accuracy: round(accuracy.accuracy, 4),
      top5: accuracy.top5,
      resolutionsPerSecond: Math.round(n / ((performance.now() - t0) / 1000)),
    };
  };
}

function deadlineFigures() {
  const calendar = new WorkingCalendar();
  const froms = Array.from({ length: 365 * 5 }, (_, d) =>
    new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10),
  );
  for (const y of [2025, 2026, 2027, 2028, 2029, 2030]) calendar.isWorkingDay(`${y}-06-01`); // precompute years
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 1500) {
    calendar.addWorkingDays(froms[n % froms.length]!, (n % 15) + 1);
    n++;
  }
  return { deadlinesPerSecond: Math.round(n / ((performance.now() - t0) / 1000)) };
}

async function benchEngine(kind: EngineKind, port: number) {
  log(`\n== ${kind} ==`);
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let url: string | undefined;
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-bench-'));
    env = { XASO_DATA_DIR: dir };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = 'xaso_bench';
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    env = { DATABASE_URL: url };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  try {
    log('cold start (migrate, import the map, seed demo data)…');
    const cold = await startServer(env, port);
    await stopServer(cold.child);
    log('warm start…');
    const warm = await startServer(env, port);
    log(`load: GET /api/v1/communes/{code}, ${CONNECTIONS} connections, ${LOAD_SECONDS} s…`);
    const codesRes = (await (await fetch(`http://127.0.0.1:${port}/api/v1/communes?limit=200`)).json()) as {
      items: { code: string }[];
    };
    const codes = codesRes.items.map((c) => c.code);
    const api = await loadCommuneEndpoint(port, codes);
    await stopServer(warm.child);

    // The bench process opens the same data itself for the raw figures (PGlite allows one process at a time).
    const database =
      kind === 'pglite'
        ? await openDatabase({ pgliteDir: path.join(env.XASO_DATA_DIR!, 'pglite') })
        : Object.assign(await openDatabase({ databaseUrl: url }), { url });
    try {
      log('raw query, same lookup…');
      const raw = await rawCommuneLatency(kind, database, codes);
      log('resolver…');
      const resolver = await resolverFigures(database)();
      return {
        engine: kind,
        coldStartMs: Math.round(cold.startMs),
        warmStartMs: Math.round(warm.startMs),
        communeEndpoint: api,
        communeRawQuery: raw,
        apiToRawP50: round(api.p50 / Math.max(raw.p50, 0.001), 1),
        resolver,
      };
    } finally {
      await database.close();
    }
  } finally {
    await cleanup();
  }
}

async function main() {
  const engines: EngineKind[] = (process.env.BENCH_ENGINES?.split(',') as EngineKind[]) ?? [
    'pglite',
    'postgres',
  ];
  const results = [];
  for (const [i, kind] of engines.entries()) results.push(await benchEngine(kind, 3900 + i));
  const deadline = deadlineFigures();
  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
  };
  const output = {
    date: new Date().toISOString(),
    machine,
    loadSeconds: LOAD_SECONDS,
    connections: CONNECTIONS,
    engines: results,
    deadline,
  };
  fs.writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(output, null, 2)}\n`);

  const rows = [
    ['figure', ...results.map((r) => r.engine)],
    [
      'resolver top-1 accuracy',
      ...results.map((r) => `${round(r.resolver.top1Accuracy * 100, 1)}% of ${r.resolver.cases}`),
    ],
    ['resolver throughput (resolutions/s)', ...results.map((r) => String(r.resolver.resolutionsPerSecond))],
    [
      'GET /communes/{code} p50 / p99 (ms)',
      ...results.map((r) => `${r.communeEndpoint.p50} / ${r.communeEndpoint.p99}`),
    ],
    ['GET /communes/{code} requests/s', ...results.map((r) => String(r.communeEndpoint.perSecond))],
    [
      'raw SQL same lookup p50 / p99 (ms)',
      ...results.map((r) => `${r.communeRawQuery.p50} / ${r.communeRawQuery.p99}`),
    ],
    ['raw SQL queries/s', ...results.map((r) => String(r.communeRawQuery.perSecond))],
    ['API p50 ÷ raw p50', ...results.map((r) => `${r.apiToRawP50}×`)],
    ['cold start to first request (ms)', ...results.map((r) => String(r.coldStartMs))],
    ['warm start to first request (ms)', ...results.map((r) => String(r.warmStartMs))],
    ['deadline computations/s (pure)', ...results.map(() => String(deadline.deadlinesPerSecond))],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  log('');
  for (const [i, r] of rows.entries()) {
    log(`| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
    if (i === 0) log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  }
  log(`\n${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}; written to bench/results.json`);
}

await main();
