/** Load on a server from a second process (bench/load-worker.mjs running autocannon), and latency of raw loops. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-worker.mjs');
const run = promisify(execFile);

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  /** Cycled; "{n}" is the request's number. */
  paths: string[];
  headers?: Record<string, string>;
  /** Cycled; "{n}" is the request's number. */
  bodies?: string[];
  start?: number;
}

export interface LoadFigures {
  p50: number;
  p99: number;
  requestsPerSecond: number;
  /** 2xx answers. */
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  statusCodes: Record<string, { count: number }>;
}

export async function loadFromSecondProcess(o: LoadOptions): Promise<LoadFigures> {
  const { seconds, ...rest } = o;
  const { stdout } = await run(process.execPath, [worker, JSON.stringify({ ...rest, duration: seconds })], {
    timeout: (seconds + 60) * 1000,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as LoadFigures;
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * `connections` loops running `work(i)` back to back for `seconds` (the same concurrency as the load on the
 * endpoint; PGlite queues them internally), after half a second untimed to warm the caches as the server's were:
 * latency percentiles and completions per second.
 */
export async function rawLoops(connections: number, seconds: number, work: (i: number) => Promise<unknown>) {
  let i = 0;
  const loops = async (ms: number, samples: number[]) => {
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          await work(i++);
          samples.push(performance.now() - t0);
        }
      }),
    );
  };
  await loops(500, []);
  const samples: number[] = [];
  const started = performance.now();
  await loops(seconds * 1000, samples);
  const elapsed = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  return {
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    perSecond: Math.round(samples.length / elapsed),
  };
}
