/**
 * One process per embedded data directory. PGlite is a single-process database: two servers (or a server and a
 * writing CLI command) on one directory issue duplicate codes, lose acknowledged writes and fork the audit chain.
 * The opener takes an exclusive lock (proper-lockfile: a lock directory whose mtime the holder refreshes) and
 * writes its pid beside it, so a second opener is refused with a message naming the holder. A lock left by a
 * holder that died (kill -9) is taken over at once when its pid no longer runs, else once it is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';

const STALE_MS = 10_000;

export class DataDirectoryInUseError extends Error {
  constructor(
    readonly directory: string,
    readonly holderPid: number | null,
  ) {
    super(
      `Thư mục dữ liệu ${directory} đang được một tiến trình XãSố khác dùng${holderPid ? ` (pid ${holderPid})` : ''}. ` +
        'Hãy dừng tiến trình đó trước; để chạy nhiều máy chủ, dùng PostgreSQL (DATABASE_URL).\n' +
        `The data directory ${directory} is in use by another XãSố process${holderPid ? ` (pid ${holderPid})` : ''}. ` +
        'Stop it first; to run several servers, use PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

const lockPathOf = (dir: string) => path.join(dir, 'xaso.lock');
const pidPathOf = (dir: string) => path.join(dir, 'xaso.pid');

/** The pid recorded by the directory's current holder, if any. */
export function holderOf(dir: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(pidPathOf(dir), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether a process of this id is alive (one of another user counts: it is there, only not ours to signal). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether another live process holds the directory (for read-only commands that only warn). */
export function isDirectoryLocked(dir: string): boolean {
  if (!fs.existsSync(lockPathOf(dir))) return false;
  const pid = holderOf(dir);
  return pid !== null && pid !== process.pid ? isRunning(pid) : lockfile.checkSync(dir, options(dir));
}

function options(dir: string) {
  return { lockfilePath: lockPathOf(dir), stale: STALE_MS, realpath: false } as const;
}

/** Takes the directory for this process; the returned function gives it back. */
export async function lockDataDirectory(dir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dir, { recursive: true });
  const attempt = () =>
    lockfile.lock(dir, {
      ...options(dir),
      onCompromised: (err) => {
        // Someone removed or took the lock while we hold the database: stop rather than write beside them.
        process.stderr.write(`XãSố: mất khóa thư mục dữ liệu (data directory lock lost): ${err.message}\n`);
        process.exit(70);
      },
    });
  let release: () => Promise<void>;
  try {
    release = await attempt();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const pid = holderOf(dir);
    if (pid === null || pid === process.pid || isRunning(pid)) throw new DataDirectoryInUseError(dir, pid);
    // The holder died without giving the lock back (kill -9, power cut): its lock is ours to take.
    fs.rmSync(lockPathOf(dir), { recursive: true, force: true });
    release = await attempt();
  }
  fs.writeFileSync(pidPathOf(dir), String(process.pid));
  return async () => {
    fs.rmSync(pidPathOf(dir), { force: true });
    await release().catch(() => {});
  };
}
