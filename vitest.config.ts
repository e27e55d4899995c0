import { defineConfig } from 'vitest/config';
import LongFirstSequencer from './tests/support/sequencer';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 300_000,
    // expect.poll's own default (1 s) is shorter than a slow machine's page update after a write (a go-live that
    // archives the rehearsal dossiers took longer in CI): polls wait as long as Playwright's own waits do.
    expect: { poll: { timeout: 10_000 } },
    env: { TZ: 'UTC' },
    pool: 'forks',
    maxWorkers: 2,
    // Each of the two workers runs its files one after another in one process, sharing the modules it has loaded:
    // isolated, every file imported the whole server again (Fastify, Drizzle, PGlite, every module: ~6 s of CPU
    // per integration file, a fifth of the suite). Nothing here depends on a fresh module: the suite has no module
    // mocks, no stubbed globals, no fake timers, and the server keeps its per-database state (caches, batchers,
    // storages) in WeakMaps keyed by the database, so each file's own database starts clean.
    isolate: false,
    sequence: { sequencer: LongFirstSequencer },
  },
});
