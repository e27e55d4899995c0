import { defineConfig } from 'vitest/config';
import LongFirstSequencer from './tests/support/sequencer';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 300_000,
    env: { TZ: 'UTC' },
    pool: 'forks',
    maxWorkers: 2,
    sequence: { sequencer: LongFirstSequencer },
  },
});
