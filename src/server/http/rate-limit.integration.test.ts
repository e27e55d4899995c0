/**
 * Rate limits counted in Redis (REDIS_URL): the counters are there, a URL that does not answer stops the start
 * with a clear message, and when Redis goes away while the server runs, requests are answered (unlimited) rather
 * than hanging or failing. Redis is reached through a TCP relay of the test's own, so that it can "go away".
 */
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app';
import { ENGINES } from '../../../tests/support/database';
import { freePort } from '../../../tests/support/server-process';
import { buildApp } from '../app';
import { loadConfig } from '../config';

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
/** This file's Redis database index (tests/two-instances uses 11). */
const DB_INDEX = 12;

/** A TCP relay to Redis that can be cut: its port, and cut() (closes it and every connection through it). */
async function relay() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(REDIS.port || 6379), REDIS.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

describe.each(ENGINES)('rate limits in Redis on %s', (engine) => {
  let t: TestApp;
  let redis: Redis;
  let link: Awaited<ReturnType<typeof relay>>;
  const url = '/api/v1/address/resolve?q=tran%20phu';
  const headers = { 'x-forwarded-for': '198.51.100.9' };

  beforeAll(async () => {
    redis = new Redis(`redis://${REDIS.host}/${DB_INDEX}`, { maxRetriesPerRequest: 1 });
    await redis.flushdb();
    link = await relay();
    t = await createTestApp(engine, {
      map: false,
      env: { XASO_PUBLIC_RATE_LIMIT: '3', REDIS_URL: `redis://127.0.0.1:${link.port}/${DB_INDEX}` },
    });
  });
  afterAll(async () => {
    await t?.close();
    await link?.cut();
    await redis?.flushdb();
    redis?.disconnect();
  });

  it('keeps the counters in Redis, under XãSố prefix, per route and client address', async () => {
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ url, headers })).statusCode).toBe(200);
    const limited = await t.app.inject({ url, headers });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    const keys = await redis.keys('xaso:rate-limit:*');
    expect(keys).toEqual([expect.stringMatching(/GET \/api\/v1\/address\/resolve:198\.51\.100\.9$/)]);
    expect(Number(await redis.get(keys[0]!))).toBe(4);
  });

  it('refuses to start when REDIS_URL does not answer', async () => {
    const config = loadConfig({
      XASO_WEB_DIR: '/nonexistent',
      REDIS_URL: `redis://127.0.0.1:${await freePort()}/0`,
    });
    await expect(buildApp({ config, database: t.database, logger: false })).rejects.toThrow(
      /REDIS_URL does not answer/,
    );
  });

  it('answers requests (unlimited) when Redis goes away, instead of hanging or failing', async () => {
    await link.cut();
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ url, headers: { 'x-forwarded-for': '198.51.100.10' } });
      expect(res.statusCode).toBe(200);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
