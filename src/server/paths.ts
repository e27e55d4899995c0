/**
 * Where the checkout is, for the files the server reads beside its code (migrations, the map's resolution data,
 * package.json). Found by walking up from this module to XãSố's package.json, so it is the same whether the server
 * runs from its TypeScript sources or from the bundle `xaso` builds (node_modules/.cache/xaso-server/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'xaso') return dir;
      } catch {
        // not ours: keep going up
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`XãSố's package.json not found above ${from}`);
  }
}

/** The checkout's root (where package.json is). */
export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
/** The server's source folder (migrations and data files live there). */
export const SERVER_DIR = path.join(ROOT, 'src', 'server');
