/**
 * The heavy packages of src/server/lazy-libraries.ts stay out of every process start: `xaso --version` runs the
 * server's bundle (what every command and server start loads) and must not resolve any of them. A static import of
 * one anywhere in the server code costs every process tens to hundreds of ms (issue 14: cold start < 10 s).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const hook = path.join(import.meta.dirname, 'support', 'module-log-hook.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-lazy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or null for paths, URLs, builtins. */
function packageOf(specifier: string): string | null {
  if (/^(\.|\/|[a-z]+:)/.test(specifier)) return null;
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** The packages lazy-libraries.ts loads on first use: its `import('…')` calls, so a new loader is guarded too. */
function lazyPackages(): string[] {
  const source = fs.readFileSync(path.join(root, 'src', 'server', 'lazy-libraries.ts'), 'utf8');
  const names = [...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => packageOf(m[1]!));
  return [...new Set(names.filter((n): n is string => n !== null))].sort();
}

/** Whether a line of the module log names `pkg`: by its specifier or by a file in its node_modules folder. */
function names(line: string, pkg: string): boolean {
  const [specifier, where = ''] = line.split('\t');
  return packageOf(specifier!) === pkg || where.includes(`/node_modules/${pkg}/`);
}

it('loads none of the lazily loaded packages at start (xaso --version)', { timeout: 120_000 }, async () => {
  const lazy = lazyPackages();
  // The file's loaders, read by the pattern above: an empty list would make the test pass whatever starts.
  expect(lazy).toEqual(
    expect.arrayContaining(['exceljs', 'pdfkit', 'qrcode', 'nodemailer', '@aws-sdk/client-s3']),
  );

  // Imported untyped (scripts/ is plain JavaScript): the same bundle bin/xaso.mjs runs, built if sources changed.
  const { serverBundle } = (await import(
    pathToFileURL(path.join(root, 'scripts', 'server-bundle.mjs')).href
  )) as {
    serverBundle(): Promise<string>;
  };
  const bundle = await serverBundle();
  const log = path.join(dir, 'modules.log');
  const { stdout } = await run(
    process.execPath,
    ['--import', pathToFileURL(hook).href, bundle, '--version'],
    {
      env: { ...process.env, XASO_MODULE_LOG: log },
      timeout: 60_000,
    },
  ); // rejects on a non-zero exit code
  expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);

  const lines = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  // The hook sees what a start does load, by both routes: otherwise the assertion below could never fail.
  const esm = lines.filter((l) => !l.startsWith('require\t'));
  const cjs = lines.filter((l) => l.startsWith('require\t'));
  for (const pkg of ['fastify', 'drizzle-orm'])
    expect(
      esm.some((l) => names(l, pkg)),
      pkg,
    ).toBe(true);
  expect(cjs.some((l) => names(l, 'fastify'))).toBe(true);

  // Each package loaded at start, with the first line that shows it (its specifier and file, or its first file).
  const loaded = Object.fromEntries(
    lazy.flatMap((pkg) => {
      const first = lines.find((l) => names(l, pkg));
      return first ? [[pkg, first]] : [];
    }),
  );
  expect(loaded, 'lazily loaded packages resolved at start').toEqual({});
});
