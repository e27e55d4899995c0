import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

export const APP_VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
