/**
 * The work queues and the commune dashboard over a province's worth of dossiers (1,000,000 by default, PostgreSQL
 * only): bench/generate-dossiers.ts fills the database, then each query runs as the server runs it (the real
 * listDossiers and communeDashboard) for the busiest commune, which has the most rows to wade through. Target:
 * each under 100 ms on the 2-core machine.
 */
import pg from 'pg';
import { DOSSIER_QUEUES } from '../src/common/api/dossiers';
import { type Database, openDatabase } from '../src/server/db/database';
import { communeDashboard } from '../src/server/modules/dossiers/dashboard';
import { listDossiers, type QueueQuery } from '../src/server/modules/dossiers/queues';
import { createServerData, startServer } from '../tests/support/server-process';
import { generateDossiers } from './generate-dossiers';
import { percentile, round } from './load';
import { type QueueLoadFigures, queuePageLoad, type TargetOptions } from './targets';

const RUNS = 11;

async function timed(work: () => Promise<number>) {
  await work(); // warm the plan and the cache
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    rows = await work();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 50), 1), max: round(samples[samples.length - 1]!, 1), rows };
}

export interface ScaleFigures {
  dossiers: number;
  communes: number;
  generationSeconds: number;
  busiest: { code: string; dossiers: number };
  queries: { name: string; p50: number; max: number; rows: number }[];
}

export interface ScaleOptions {
  /** Also the queue pages over HTTP (issue 14: p99 < 30 ms at 20 connections), from a server on the same data. */
  http?: Pick<TargetOptions, 'connections' | 'seconds' | 'serverEnv' | 'log'> & { byTab: boolean };
}

export async function benchDossierScale(
  count: number,
  options: ScaleOptions = {},
): Promise<ScaleFigures & { queueLoad?: QueueLoadFigures }> {
  // A database of its own: a copy of the small demo (the map, the catalogue, the demo accounts: the queue pages
  // over HTTP need an official of the busiest commune), then the generated dossiers.
  const data = await createServerData('postgres', 'xaso_bench_scale', { demo: true });
  const database = await openDatabase(data.open);
  try {
    const figures = await measure(database, data.open.databaseUrl!, count);
    if (!options.http) return figures;
    const h = options.http;
    h.log(`queue pages over HTTP, ${h.connections} connections, ${h.seconds} s…`);
    const server = await startServer(data, { env: h.serverEnv });
    try {
      const load = await queuePageLoad(server.baseUrl, figures.busiest.code, h);
      return { ...figures, queueLoad: { dossiers: count, ...load } };
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
    await data.dispose();
  }
}

async function measure(database: Database, url: string, count: number): Promise<ScaleFigures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let generated: Awaited<ReturnType<typeof generateDossiers>>;
  let phone: string;
  try {
    // A province's communes: Hà Tĩnh's 69 (Trần Phú first: the busiest) and 31 of Nghệ An.
    const { rows } = await client.query<{ code: string }>(
      `select code from communes where province_code in ('42', '40')
       order by code = '18100' desc, province_code desc, code limit 100`,
    );
    generated = await generateDossiers(client, {
      count,
      communeCodes: rows.map((r) => r.code),
      now: new Date(),
    });
    // An applicant of the busiest commune, as an officer would type the number (with spaces).
    const found = await client.query<{ phone: string }>(
      'select applicant_phone as phone from dossiers where commune_code = $1 order by received_at desc limit 1',
      [generated.communes[0]!.code],
    );
    phone = found.rows[0]!.phone.replace(/^(\d{4})(\d{3})(\d+)$/, '$1 $2 $3');
  } finally {
    await client.end();
  }
  const busiest = generated.communes[0]!;
  const me = generated.specialists[busiest.code]![0]!;
  const scope = { all: false as const, communeCodes: [busiest.code], provinceCodes: [] };
  const queue = (query: Omit<QueueQuery, 'limit'>) => async () =>
    (await listDossiers(database.db, scope, me, { limit: 50, ...query })).items.length;
  const cases: [string, () => Promise<number>][] = [
    ...DOSSIER_QUEUES.map((q) => [`queue ${q}`, queue({ queue: q })] as [string, () => Promise<number>]),
    ['search name, no diacritics', queue({ q: 'nguyen van hung' })],
    ['search phone', queue({ q: phone })],
    ['all, newest first (no queue)', queue({})],
    [
      'dashboard, this month',
      async () => (await communeDashboard(database.db, { communeCode: busiest.code })).byProcedure.length,
    ],
    [
      'dashboard, six months ago',
      async () => {
        const d = new Date();
        d.setUTCMonth(d.getUTCMonth() - 6);
        const month = d.toISOString().slice(0, 7);
        return (await communeDashboard(database.db, { communeCode: busiest.code, month })).byProcedure.length;
      },
    ],
  ];
  const queries = [];
  for (const [name, work] of cases) queries.push({ name, ...(await timed(work)) });
  return {
    dossiers: count,
    communes: generated.communes.length,
    generationSeconds: generated.seconds,
    busiest: { code: busiest.code, dossiers: busiest.dossiers },
    queries,
  };
}
