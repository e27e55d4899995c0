#!/usr/bin/env node
/**
 * `npm test`: checks that what the suite needs is there (PostgreSQL, Chromium), builds the web app for the
 * browser tests, runs the whole Vitest suite (unit, integration on PGlite and PostgreSQL, e2e in Chromium)
 * and ends with the plain total CI reads: `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const problems = [];

try {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  await client.query('select 1');
  await client.end();
} catch (err) {
  problems.push(
    `PostgreSQL is not reachable at ${url} (${err.message}).\n` +
      '  Start it:   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
      '  Install it: apt-get install -y postgresql   (trust auth for 127.0.0.1, database "test")\n' +
      '  Or point TEST_DATABASE_URL at a PostgreSQL ≥ 15 server.',
  );
}
if (!fs.existsSync(chromium)) {
  problems.push(
    `Chromium is missing at ${chromium}.\n  Install it: apt-get install -y chromium   (or set CHROMIUM_PATH)`,
  );
}
if (problems.length) {
  console.error(`\nThe test suite cannot run:\n\n- ${problems.join('\n- ')}\n`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

const build = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const report = path.join(root, 'node_modules', '.cache', 'xaso-vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const extra = process.argv.slice(2);
const vitest = run(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  {
    TZ: 'UTC',
    TEST_DATABASE_URL: url,
    CHROMIUM_PATH: chromium,
  },
);

let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = result.numPassedTests ?? 0;
  failed = (result.numFailedTests ?? 0) + countFilesFailedOutsideTests(result);
} else {
  failed = 1;
}
if (vitest.status !== 0 && failed === 0) failed = 1; // a crash or an error outside tests still fails the run
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** A file that failed outside its tests (did not load, a hook threw) counts as one failure. */
function countFilesFailedOutsideTests(result) {
  return (result.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
}
