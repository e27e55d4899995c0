import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../tests/support/database';
import { buildApp } from '../app';
import { loadConfig } from '../config';

describe.each(ENGINES)('personal data in logs and caches on %s', (engine) => {
  let app: FastifyInstance;
  let database: TestDatabase;
  let logs = '';
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const stream = new PassThrough();
    stream.on('data', (d) => {
      logs += d;
    });
    const config = loadConfig({ XASO_WEB_DIR: '/nonexistent', LOG_LEVEL: 'info' });
    app = await buildApp({ config, database, logger: stream });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('logs the public look-up without the verifier', async () => {
    await app.inject({ url: '/api/v1/public/dossiers/000.00.12.H42-250701-0001?verifier=0912345678' });
    await new Promise((r) => setTimeout(r, 50));
    expect(logs).toContain('/api/v1/public/dossiers/000.00.12.H42-250701-0001?verifier=[redacted]');
    expect(logs).not.toContain('0912345678');
  });

  it('tells browsers not to keep API answers', async () => {
    const res = await app.inject({ url: '/api/v1/public/dossiers/X1234?verifier=0912345678' });
    expect(res.headers['cache-control']).toBe('no-store');
    const ok = await app.inject({ url: '/api/v1/calendar/deadline?from=2025-07-01&days=2' });
    expect(ok.headers['cache-control']).toBe('no-store');
  });
});
