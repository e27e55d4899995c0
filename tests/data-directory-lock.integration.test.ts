/**
 * One process per embedded data directory (PGlite only: PostgreSQL serves several instances itself). Two servers
 * on one directory used to issue duplicate codes and fork the audit chain; now the second is refused by name.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database';
import { DataDirectoryInUseError } from '../src/server/db/directory-lock';
import { createServerData, type ServerData, startServer, XASO_BIN } from './support/server-process';

const run = promisify(execFile);

async function cli(data: ServerData, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [XASO_BIN, ...args], {
      env: { ...process.env, ...data.env, XASO_DEMO_SCALE: 'small', LOG_LEVEL: 'warn' },
      timeout: 120_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

// The two tests use directories of their own: they run side by side (the second mostly waits for child processes).
describe.concurrent('the embedded data directory belongs to one process', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('refuses a second opener in the same process, naming the holder, and lets it in once closed', async () => {
    // A directory a server already ran on (a copy of the suite's template): the lock, not creating a cluster (~5 s
    // of a first open), is tested here.
    const data = await createServerData('pglite', 'xaso_lock_inproc', { demo: true });
    cleanup.push(() => data.dispose());
    const first = await openDatabase({ pgliteDir: data.open.pgliteDir });
    const second = openDatabase({ pgliteDir: data.open.pgliteDir });
    await expect(second).rejects.toBeInstanceOf(DataDirectoryInUseError);
    await expect(second).rejects.toThrow(`pid ${process.pid}`);
    await first.close();
    const again = await openDatabase({ pgliteDir: data.open.pgliteDir });
    await again.close();
  }, 120_000); // three embedded databases opened: slow on a loaded 2-core machine

  it('refuses a writing command beside a live server, reads a snapshot for audit verify, and restarts after kill -9', async () => {
    const data = await createServerData('pglite', 'xaso_lock_server', { demo: true }); // a demo server's data
    cleanup.push(() => data.dispose());
    const server = await startServer(data);
    cleanup.push(() => server.stop());
    const pid = server.child.pid;

    // Three openers beside the live server at once (each one only meets its lock): a writing command, a reading
    // one and a second server.
    const [migrate, verify, second] = await Promise.all([
      cli(data, 'migrate'),
      cli(data, 'audit', 'verify'),
      startServer(data, { timeoutMs: 60_000 }).then(
        async (s) => {
          await s.stop();
          return new Error('a second server started on the directory');
        },
        (err: unknown) => err,
      ),
    ]);
    expect(migrate.code).not.toBe(0);
    expect(migrate.out).toContain(`pid ${pid}`);
    expect(migrate.out).toContain(path.join(data.env.XASO_DATA_DIR!, 'pglite'));
    expect(migrate.out).not.toMatch(/at .*\.(ts|js):\d+/); // a message, not a stack trace

    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/snapshot/);
    expect(verify.out).toMatch(/intact/);

    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toMatch(/server exited .* before serving/);
    expect((second as Error).message).toContain(`pid ${pid}`);

    // The holder dies without giving the lock back: the next server takes the directory over at once.
    await server.kill9();
    const restarted = await startServer(data, { timeoutMs: 60_000 });
    cleanup.push(() => restarted.stop());
    const health = await fetch(`${restarted.baseUrl}/api/v1/health`);
    expect(health.status).toBe(200);
  }, 300_000);
});
