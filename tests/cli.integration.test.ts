/** The `xaso` command line, run as a user would (a child process), on both engines. */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, TEST_DATABASE_URL } from './support/database';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '..', 'bin', 'xaso.mjs');

// Help is the same whatever the engine: checked once, beside the engines' own tests.
it.concurrent('prints help for each command', async () => {
  const help = (...args: string[]) => run(process.execPath, [bin, ...args], { timeout: 120_000 });
  const [units, top] = await Promise.all([help('units', 'import', '--help'), help('--help')]);
  expect(units.stdout).toContain('idempotent');
  for (const cmd of ['serve', 'migrate', 'seed', 'units', 'audit']) expect(top.stdout).toContain(cmd);
});

// The two engines side by side (their own data, their own ports; the test mostly waits for child processes), each
// engine's tests in order: the map imported first is the one seeded, verified and served next.
describe.concurrent.each(ENGINES)('xaso CLI on %s', (engine) => {
  const env: Record<string, string> = { XASO_DEMO_SCALE: 'small' }; // two demo communes: quick seeding
  let cleanup = async () => {};
  beforeAll(async () => {
    if (engine === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-cli-'));
      env.XASO_DATA_DIR = dir;
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    } else {
      const name = `xaso_cli_${process.pid}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      cleanup = async () => {
        const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      };
    }
  });
  afterAll(() => cleanup());

  const xaso = (...args: string[]) =>
    run(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      timeout: 120_000,
    });

  it.sequential('imports the map with a summary of counts, and a second run changes nothing', async () => {
    const first = await xaso('units', 'import');
    expect(first.stdout).toMatch(/communes\s+total\s+3321\s+inserted\s+3321/);
    const second = await xaso('units', 'import');
    expect(second.stdout).toMatch(/communes\s+total\s+3321\s+inserted\s+0\s+updated\s+0/);
    expect(second.stdout).toMatch(/targets\s+total\s+\d+\s+inserted\s+0\s+updated\s+0\s+deleted\s+0/);
  }, 120_000); // two full map imports through the CLI

  it.sequential('verifies the audit chain, and reports the broken link after a row is edited in the database', async () => {
    await xaso('seed', '--demo');
    const ok = await xaso('audit', 'verify');
    expect(ok.stdout).toContain('intact');
    const sql = "update audit_entries set actor_name = 'someone else' where seq = 2 and chain = 'system'";
    if (engine === 'postgres') {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      await c.query(sql);
      await c.end();
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create(path.join(env.XASO_DATA_DIR!, 'pglite'));
      await db.query(sql);
      await db.close();
    }
    const broken = await xaso('audit', 'verify').then(
      () => null,
      (err: { code: number; stdout: string }) => err,
    );
    expect(broken?.code).toBe(1);
    expect(broken?.stdout).toMatch(/chuỗi system, bản ghi #\d+ \(seq 2\): hash_mismatch/);
  }, 120_000); // three CLI processes and the demo seed: slow on a loaded 2-core machine

  it.sequential('serves on PORT/HOST, and exits cleanly on SIGTERM (database closed)', async () => {
    const port = engine === 'pglite' ? 3911 : 3912;
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        XASO_WEB_DIR: '/nonexistent',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let health: Response | undefined;
    for (let i = 0; i < 600 && !health; i++) {
      health = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => undefined);
      if (!health) await new Promise((r) => setTimeout(r, 100));
    }
    expect(await health?.json()).toMatchObject({ status: 'ok', database: engine });
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/communes/18100`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
  });
});
