/**
 * Several instances on one PostgreSQL: two real servers (`xaso serve` child processes) on one fresh database (a copy of a demo server's), with
 * REDIS_URL pointing both at one Redis database (an index of this test's own, flushed first). Checks that
 * dossier codes stay unique under concurrent intakes on both, that the public and login rate limits are one limit
 * shared by both (not one each), that a live event written through one instance reaches a page following the
 * other (PostgreSQL LISTEN/NOTIFY), that a scan uploaded through one is read through the other (the PostgreSQL
 * storage), and that the audit chains verify afterwards.
 */
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database';
import { verifyAuditLog } from '../src/server/modules/audit/service';
import {
  createServerData,
  loginOver,
  type ServerData,
  type ServerProcess,
  startServer,
} from './support/server-process';

/** Redis of the tests (loopback); this file uses database index 11 of it, flushed before use. */
const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/11`;
const PUBLIC_LIMIT = 20;
const INTAKES = 60;
const CONCURRENCY = 8;

type Proc = { id: string; timeLimit: { kind: string }; requiredDocuments: unknown[] };

describe('two instances on one PostgreSQL database and one Redis', () => {
  let data: ServerData;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let redis: Redis;
  let procedure: Proc;
  /** Logins made so far (they count against the login limit of this test's address). */
  let signedIn = 0;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await redis.flushdb();
    // A copy of the data a demo server started on (migrated, map, demo): both instances find everything in place.
    data = await createServerData('postgres', 'xaso-two', { demo: true });
    const env = { REDIS_URL, XASO_PUBLIC_RATE_LIMIT: String(PUBLIC_LIMIT) };
    a = await startServer(data, { env });
    b = await startServer(data, { env });
    const list = (await (await fetch(`${a.baseUrl}/api/v1/procedures`)).json()) as { items: Proc[] };
    procedure = list.items.find((p) => p.timeLimit.kind === 'working_days' && p.requiredDocuments.length)!;
  }, 300_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await data?.dispose();
    await redis?.flushdb().catch(() => {});
    redis?.disconnect();
  });

  it('issues no dossier code twice under concurrent intakes on both instances', async () => {
    // One officer signed in on each instance (sessions live in the database, so either would do).
    const officers = [
      await loginOver(a!.baseUrl, 'motcua.tranphu'),
      await loginOver(b!.baseUrl, 'motcua.tranphu'),
    ];
    signedIn += 2;
    const servers = [a!, b!];
    const results: { status: number; code?: string }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < INTAKES) {
          const i = next++;
          const res = await fetch(`${servers[i % 2]!.baseUrl}/api/v1/dossiers`, {
            method: 'POST',
            headers: { ...officers[i % 2]!, 'content-type': 'application/json' },
            body: JSON.stringify({
              procedureId: procedure.id,
              applicant: {
                fullName: 'Phan Văn Đôi',
                idNumber: `04231${String(i).padStart(7, '0')}`,
                phone: `0913${String(i).padStart(6, '0')}`,
                address: 'Số 3, đường Hà Huy Tập, phường Trần Phú, Hà Tĩnh',
              },
              receivingCommuneCode: '18100',
              competentCommuneCode: '18100',
              channel: 'counter',
              checklist: procedure.requiredDocuments.map((_, index) => ({ index })),
            }),
          });
          const body = (await res.json()) as { code?: string };
          results.push({ status: res.status, code: body.code });
        }
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(INTAKES).fill(201));
    const codes = results.map((r) => r.code!);
    expect(new Set(codes).size).toBe(INTAKES);

    const database = await openDatabase(data.open);
    try {
      const { rows } = (await database.db.execute(sql`
        select count(*)::int as n, count(distinct code)::int as "distinctCodes" from dossiers`)) as unknown as {
        rows: { n: number; distinctCodes: number }[];
      };
      expect(rows[0]!.distinctCodes).toBe(rows[0]!.n);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('counts one public rate limit for both instances, not one each', async () => {
    // The same client alternates between the instances (as a load balancer would send it).
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_LIMIT * 2; i++) {
      const server = i % 2 ? b! : a!;
      const res = await fetch(`${server.baseUrl}/api/v1/address/resolve?q=tran%20phu`);
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(PUBLIC_LIMIT);
    expect(statuses.slice(PUBLIC_LIMIT)).toEqual(Array(PUBLIC_LIMIT).fill(429));
    // The counters are in Redis, under XãSố's prefix.
    expect((await redis.keys('xaso:rate-limit:*')).length).toBeGreaterThan(0);
  });

  it('counts the login limit (10 a minute per address) across both instances', async () => {
    expect(signedIn).toBe(2);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${(i % 2 ? b! : a!).baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'khong.co.ai', password: 'Sai@2025x' }),
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    // The two sign-ins of the first test count too (one on each instance): 10 in all, then 429 on both.
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429, 429, 429]);
  });

  it('delivers a live event written through one instance to a page following the other', async () => {
    // The hall display follows instance B; a citizen takes a ticket at the kiosk served by instance A.
    const kiosk = (await (await fetch(`${a!.baseUrl}/api/v1/public/queues/18100`)).json()) as {
      groups: { id: string; active: boolean }[];
    };
    const group = kiosk.groups.find((g) => g.active)!;
    expect(group).toBeDefined();
    const controller = new AbortController();
    const stream = await fetch(`${b!.baseUrl}/api/v1/public/queues/18100/events`, {
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 10_000;
      while (!received.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no "${needle}" in:\n${received}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before "${needle}"`);
        received += decoder.decode(value, { stream: true });
      }
    };
    try {
      await readUntil('event: snapshot');
      const taken = await fetch(`${a!.baseUrl}/api/v1/public/queues/18100/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ groupId: group.id }),
      });
      expect(taken.status).toBe(201);
      await readUntil('event: ticket.issued');
      expect(received.slice(received.indexOf('event: ticket.issued'))).toContain(group.id);
    } finally {
      controller.abort();
    }
  });

  // ── An upload on one instance is read on the other ──────────────────────────────────────────────────────────
  it('reads on one instance a scan uploaded through the other (the PostgreSQL storage, the default here)', async () => {
    await redis.flushdb(); // the rate-limit tests above used up this address's minute
    const officer = await loginOver(a!.baseUrl, 'motcua.tranphu');
    const intake = await fetch(`${a!.baseUrl}/api/v1/dossiers`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureId: procedure.id,
        applicant: {
          fullName: 'Phan Thị Quét',
          idNumber: '042319999999',
          phone: '0913999999',
          address: 'Số 3, đường Hà Huy Tập, phường Trần Phú, Hà Tĩnh',
        },
        receivingCommuneCode: '18100',
        competentCommuneCode: '18100',
        channel: 'counter',
        checklist: procedure.requiredDocuments.map((_, index) => ({ index })),
      }),
    });
    expect(intake.status).toBe(201);
    const { id } = (await intake.json()) as { id: string };
    const scan = Buffer.from(`%PDF-1.4\n% two instances ${Date.now()}\ntrailer <<>>\n%%EOF\n`);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(scan)]), 'giay-to.pdf');
    const uploaded = await fetch(`${a!.baseUrl}/api/v1/dossiers/${id}/attachments`, {
      method: 'POST',
      headers: officer,
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const attachment = (await uploaded.json()) as { id: string; sha256: string };
    // Sessions live in the database: the same officer reads through B.
    const read = await fetch(`${b!.baseUrl}/api/v1/dossiers/${id}/attachments/${attachment.id}`, {
      headers: officer,
    });
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer())).toEqual(scan);
    expect(read.headers.get('etag')).toBe(`"${attachment.sha256}"`);
    // The bytes are in the shared database, not on either instance's disk.
    const database = await openDatabase(data.open);
    try {
      const { rows } = (await database.db.execute(
        sql`select size_bytes as n from stored_files where key = ${`sha256/${attachment.sha256.slice(0, 2)}/${attachment.sha256.slice(2, 4)}/${attachment.sha256}`}`,
      )) as unknown as { rows: { n: number }[] };
      expect(rows).toEqual([{ n: scan.length }]);
    } finally {
      await database.close();
    }
  });

  it('leaves audit chains that verify', async () => {
    // What `xaso audit verify` runs (the command itself is the CLI test's), on the shared database.
    const database = await openDatabase(data.open);
    try {
      const report = await verifyAuditLog(database.db);
      expect(report.breaks).toEqual([]);
      expect(report.entries).toBeGreaterThan(INTAKES);
    } finally {
      await database.close();
    }
  }, 130_000);
});
