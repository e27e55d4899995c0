/**
 * The server as one ES module, built by esbuild from src/server/main.ts (packages stay in node_modules) into
 * node_modules/.cache/xaso-server/, and built again only when a source changed. Loading it costs a process about a
 * third of the CPU and two thirds of the memory of compiling the TypeScript sources one module at a time (tsx):
 * every `xaso` command and every server start gains ~2.5 s on a 2-core machine, and ~80 MB of resident memory.
 * `npm run dev` still runs the sources with reload (tsx watch).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules', '.cache', 'xaso-server');
const KEEP = 3;

/** The files the bundle is built from (tests excluded), with their sizes and times: a change makes a new bundle. */
function fingerprint() {
  const hash = createHash('sha256');
  const visit = (dir) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (!/\.test\.ts$|\.e2e\.ts$/.test(entry.name)) {
        const s = fs.statSync(p);
        hash.update(`${path.relative(root, p)}\0${s.size}\0${s.mtimeMs}\0`);
      }
    }
  };
  visit(path.join(root, 'src', 'server'));
  visit(path.join(root, 'src', 'common'));
  for (const f of ['package-lock.json', 'tsconfig.json', fileURLToPath(import.meta.url)]) {
    const p = path.resolve(root, f);
    if (fs.existsSync(p)) hash.update(`${f}\0${fs.statSync(p).mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The path of an up-to-date bundle of the server, built first if there is none. */
export async function serverBundle() {
  const file = path.join(cache, `xaso-${fingerprint()}.mjs`);
  if (fs.existsSync(file)) return file;
  const { build } = await import('esbuild');
  fs.mkdirSync(cache, { recursive: true });
  // Built under its final name in a folder of this process, then moved: processes starting together never load a
  // half-written file, and the bundle's link to its source map stays right.
  const work = fs.mkdtempSync(path.join(cache, `build-${process.pid}-`));
  const partial = path.join(work, path.basename(file));
  await build({
    entryPoints: [path.join(root, 'src', 'server', 'main.ts')],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked', // read only with --enable-source-maps: no cost otherwise
    logLevel: 'warning',
  });
  fs.renameSync(`${partial}.map`, `${file}.map`);
  fs.renameSync(partial, file);
  fs.rmSync(work, { recursive: true, force: true });
  prune(file);
  return file;
}

/** Keeps the newest few bundles (another checkout state may still want one) and drops the rest. */
function prune(current) {
  try {
    const bundles = fs
      .readdirSync(cache)
      .filter((n) => /^xaso-[0-9a-f]{16}\.mjs$/.test(n))
      .map((n) => path.join(cache, n))
      .filter((p) => p !== current)
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    for (const old of bundles.slice(KEEP - 1)) {
      fs.rmSync(old, { force: true });
      fs.rmSync(`${old}.map`, { force: true });
    }
  } catch {
    // another process pruned at the same time: nothing to do
  }
}
