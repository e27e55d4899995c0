/** A real server (Fastify + a real database) for integration tests, driven with inject(). */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { EngineKind } from '../../src/server/db/database';
import { systemContext } from '../../src/server/db/transaction';
import { createFileStorage } from '../../src/server/modules/dossiers/storage';
import { seedDemo } from '../../src/server/seed/demo';
import { createTestDatabase, TEST_APP_ENV, type TestDatabase } from './database';

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
  // The small demo, with or without its meetings, comes seeded in a template (tests/support/database.ts): seeding
  // it per file took most of a file's time. The meetings template is seeded with TEST_APP_ENV's configuration: a
  // file whose own settings could change what is seeded (anything but the web directory) seeds its own.
  const small = !!options.demo && (options.demoScale ?? 'small') === 'small';
  const plainEnv = Object.keys(options.env ?? {}).every((k) => k === 'XASO_WEB_DIR');
  const fromTemplate = small && (!options.demoMeetings || plainEnv);
  const database = await createTestDatabase(kind, {
    map: options.map !== false,
    demo: fromTemplate,
    meetings: fromTemplate && !!options.demoMeetings,
  });
  const config = loadConfig({ ...TEST_APP_ENV, ...options.env });
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
