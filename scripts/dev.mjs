#!/usr/bin/env node
/** `npm run dev`: the API server with reload (tsx watch) and Vite's dev server with hot reload, side by side. */
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'src/server/main.ts', 'serve'], {
    stdio: 'inherit',
    env: { ...process.env, XASO_WEB_DIR: '/nonexistent' },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit' }),
];
console.log('API: http://localhost:3000/api/docs — web (hot reload): http://localhost:5173');
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children)
  c.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
