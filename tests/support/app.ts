/** A real server (Fastify + a real database) for integration tests, driven with inject(). */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { EngineKind } from '../../src/server/db/database';
import { systemContext } from '../../src/server/db/transaction';
import { createFileStorage } from '../../src/server/modules/dossiers/storage';
import { seedDemo } from '../../src/server/seed/demo';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestApp(
  kind: EngineKind,
  options: {
    map?: boolean;
    demo?: boolean;
    demoScale?: 'full' | 'small';
    /** Also hold the demo meetings (a whole rehearsal session per commune: seconds of work, so only when asked). */
    demoMeetings?: boolean;
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  // The small demo without meetings comes seeded in a template (tests/support/database.ts): seeding it per file
  // took most of a file's time.
  const fromTemplate = !!options.demo && !options.demoMeetings && (options.demoScale ?? 'small') === 'small';
  const database = await createTestDatabase(kind, { map: options.map !== false, demo: fromTemplate });
  // inject() comes from 127.0.0.1: trusting it as a proxy lets tests speak for many clients with X-Forwarded-For.
  const config = loadConfig({
    XASO_WEB_DIR: '/nonexistent',
    XASO_SECURE_COOKIES: 'false',
    XASO_TRUST_PROXY: '127.0.0.1',
    // The suite shares two cores with PGlite's synchronous work: a slow test machine must not shed test requests
    // (load-shedding.integration.test.ts sets its own budget).
    XASO_MAX_EVENT_LOOP_DELAY_MS: '60000',
    // The outbox sender never races a test's reads (tests call sendPendingNotifications themselves).
    XASO_NOTIFY_INTERVAL_SECONDS: '3600',
    ...options.env,
  });
  if (options.demo && !fromTemplate)
    await seedDemo(systemContext(database.db, 'test seed'), () => {}, {
      scale: options.demoScale ?? 'small',
      ...(options.demoMeetings
        ? { meetings: { config, storage: await createFileStorage(config, database.db) } }
        : {}),
    });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

let loginCount = 0;

/** Logs in and returns headers (cookie + CSRF token) for further requests. */
export async function loginAs(
  app: FastifyInstance,
  username: string,
  password = 'Demo@2025',
): Promise<Record<string, string>> {
  // Each test login comes from its own client address, so the login rate limit (10/min per address) is not hit.
  loginCount += 1;
  const clientAddress = `198.18.${Math.floor(loginCount / 250)}.${loginCount % 250}`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-forwarded-for': clientAddress },
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse) => res.json() as T;
