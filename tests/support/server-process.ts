/**
 * The real server as a child process (`node bin/xaso.mjs serve`), on its own data: a temporary data directory
 * (PGlite) or a fresh database on the PostgreSQL server of TEST_DATABASE_URL. For what needs a process of its
 * own: killing it (the crash test) and loading it from another process (the benchmark).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { EngineKind, OpenOptions } from '../../src/server/db/database';
import {
  buildPostgresTemplate,
  pruneSeededTemplates,
  seededTemplateKey,
  TEMPLATE_CACHE,
  TEST_DATABASE_URL,
  withCacheLock,
} from './database';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const XASO_BIN = path.join(root, 'bin', 'xaso.mjs');

/** Where a server keeps its data: the environment that points it there, and the same for openDatabase. */
export interface ServerData {
  engine: EngineKind;
  env: Record<string, string>;
  open: OpenOptions;
  dispose(): Promise<void>;
}

async function onServer(sql: string) {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * Where a demo server has already started once: a data directory (PGlite) or a template database (PostgreSQL) left by
 * a real `xaso serve` in demo mode (XASO_DEMO_SCALE=small) that migrated, loaded the map, the catalogue and the demo
 * (meetings and their stored files included), then stopped cleanly. Built once per change of the sources or of the
 * day (seededTemplateKey), by one worker while the others wait. Copying it takes a second; the cold start it replaces
 * took 15-45 s per server.
 */
async function demoServerTemplate(engine: EngineKind): Promise<string> {
  const key = seededTemplateKey();
  if (engine === 'pglite') {
    const dir = path.join(TEMPLATE_CACHE, `server-pglite-demo-${key}`);
    if (fs.existsSync(dir)) return dir;
    return withCacheLock(`server-pglite-demo-${key}`, async () => {
      if (fs.existsSync(dir)) return dir;
      const building = fs.mkdtempSync(`${dir}.b`);
      try {
        const server = await startServer(
          {
            engine,
            env: { XASO_DATA_DIR: building },
            open: {},
            dispose: async () => {},
          },
          { timeoutMs: 600_000 },
        );
        const code = await server.stop();
        if (code !== 0) throw new Error(`the template server exited with ${code}:\n${server.output()}`);
        for (const f of ['xaso.lock', 'xaso.pid'])
          fs.rmSync(path.join(building, 'pglite', f), { recursive: true, force: true });
        fs.renameSync(building, dir);
        await pruneSeededTemplates();
      } finally {
        fs.rmSync(building, { recursive: true, force: true });
      }
      return dir;
    });
  }
  return buildPostgresTemplate(
    `xaso_tpl_server_${key}`,
    7341019,
    async (url) => {
      const server = await startServer(
        { engine, env: { DATABASE_URL: url }, open: {}, dispose: async () => {} },
        { timeoutMs: 600_000 },
      );
      const code = await server.stop();
      if (code !== 0) throw new Error(`the template server exited with ${code}:\n${server.output()}`);
    },
    undefined,
    pruneSeededTemplates,
  );
}

/**
 * Data for a server: empty (a temporary directory, or the PostgreSQL database `<name>_<pid>` (re)created), or with
 * `demo: true` a copy of data a demo server already started on (see demoServerTemplate), for tests about what a
 * running server does rather than about its first start.
 */
export async function createServerData(
  engine: EngineKind,
  name: string,
  options: { demo?: boolean } = {},
): Promise<ServerData> {
  const template = options.demo ? await demoServerTemplate(engine) : undefined;
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    if (template) fs.cpSync(template, dir, { recursive: true });
    return {
      engine,
      env: { XASO_DATA_DIR: dir },
      open: { pgliteDir: path.join(dir, 'pglite') },
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database = `${name}_${process.pid}`.replace(/\W/g, '_');
  await onServer(`drop database if exists ${database} with (force)`);
  await onServer(`create database ${database}${template ? ` template ${template}` : ''}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return {
    engine,
    env: { DATABASE_URL: url.toString() },
    open: { databaseUrl: url.toString() },
    dispose: () => onServer(`drop database if exists ${database} with (force)`),
  };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** From spawning to the first healthy answer. */
  startMs: number;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM (graceful: in-flight requests finish, the database is closed); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies where it stands. */
  kill9(): Promise<void>;
}

/** Starts `xaso serve` on the data and waits until /api/v1/health answers. */
export async function startServer(
  data: ServerData,
  options: { port?: number; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const started = performance.now();
  const child = spawn(process.execPath, [XASO_BIN, 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      XASO_WEB_DIR: '/nonexistent',
      XASO_SECURE_COOKIES: 'false',
      XASO_DEMO_SCALE: 'small', // two demo communes: quick cold starts
      XASO_MAX_EVENT_LOOP_DELAY_MS: '60000', // a busy test machine or a load test must not shed requests
      ...data.env,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before serving:\n${output}`);
    }
    const res = await fetch(`${baseUrl}/api/v1/health`).catch(() => null);
    if (res?.ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    port,
    baseUrl,
    startMs: performance.now() - started,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Logs in over HTTP; the headers (session cookie, CSRF token) for the requests that follow. */
export async function loginOver(
  baseUrl: string,
  username: string,
  password = 'Demo@2025',
): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}
