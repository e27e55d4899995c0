/**
 * Preloaded with `node --import <this file>` and XASO_MODULE_LOG=<file>: appends to that file every module the
 * process resolves through ES module resolution (`<specifier>\t<url>`, from a resolve hook) and, at exit, every
 * CommonJS module it loaded (`require\t<path>`: on Node 20 a package's own require() calls skip the resolve hook).
 * Writes are synchronous: nothing is lost when the process ends with process.exit().
 */
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const log = process.env.XASO_MODULE_LOG;
if (!log) throw new Error('module-log-hook: XASO_MODULE_LOG is not set');

// Node loads this file a second time in its hooks thread (register() below): there it only provides `resolve`.
if (isMainThread) {
  register(import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    fs.appendFileSync(
      log,
      Object.keys(cache)
        .map((file) => `require\t${file}\n`)
        .join(''),
    );
  });
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  fs.appendFileSync(log, `${specifier}\t${result.url}\n`);
  return result;
}
