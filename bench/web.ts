/**
 * The citizen's first visit on a rural phone: `/tra-cuu-ho-so` loaded cold (empty cache, new browser context) in
 * Chromium with the network throttled to a 3G profile through CDP (Network.emulateNetworkConditions: 1.6 Mbps
 * down, 750 kbps up, 150 ms round trip), from the real server (`xaso serve`, PGlite, small demo) serving the built
 * web app. Figures: time to the load event, time until the look-up form can be used, bytes on the wire (encoded:
 * after compression) and requests; the median of a few runs. Target (issue 9 §8): under 3 s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServerData, startServer } from '../tests/support/server-process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIR = path.join(root, 'dist', 'web');

/** Chrome DevTools' "Regular 3G"-like profile of the issue: bytes per second and the added round trip. */
export const PROFILE_3G = {
  downloadKbps: 1600,
  uploadKbps: 750,
  latencyMs: 150,
} as const;

export interface WebLoadRun {
  loadMs: number;
  readyMs: number;
  bytes: number;
  requests: number;
  failedRequests: string[];
}

export interface WebLoadFigures {
  page: string;
  profile: typeof PROFILE_3G;
  runs: WebLoadRun[];
  /** Medians of the runs. */
  loadMs: number;
  readyMs: number;
  bytes: number;
  requests: number;
  targetMs: number;
  /** The same page asking for no compression (Accept-Encoding: identity), for comparison. */
  uncompressed: { loadMs: number; readyMs: number; bytes: number } | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export async function benchWebLoad(
  options: { runs?: number; page?: string; uncompressedRuns?: number } = {},
): Promise<WebLoadFigures> {
  const page = options.page ?? '/tra-cuu-ho-so';
  const runs = options.runs ?? 3;
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  }
  const data = await createServerData('pglite', 'xaso_bench_web');
  const server = await startServer(data, { env: { XASO_WEB_DIR: WEB_DIR } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const results: WebLoadRun[] = [];
  const uncompressed: WebLoadRun[] = [];
  try {
    for (let i = 0; i < runs; i++) results.push(await loadOnce(browser, `${server.baseUrl}${page}`));
    // For comparison: the same load asking for no compression (what the page cost before issue 9).
    for (let i = 0; i < (options.uncompressedRuns ?? 1); i++)
      uncompressed.push(await loadOnce(browser, `${server.baseUrl}${page}`, { identity: true }));
  } finally {
    await browser.close();
    await server.stop();
    await data.dispose();
  }
  return {
    page,
    profile: PROFILE_3G,
    runs: results,
    loadMs: median(results.map((r) => r.loadMs)),
    readyMs: median(results.map((r) => r.readyMs)),
    bytes: median(results.map((r) => r.bytes)),
    requests: median(results.map((r) => r.requests)),
    targetMs: 3000,
    uncompressed: uncompressed.length
      ? {
          loadMs: median(uncompressed.map((r) => r.loadMs)),
          readyMs: median(uncompressed.map((r) => r.readyMs)),
          bytes: median(uncompressed.map((r) => r.bytes)),
        }
      : null,
  };
}

async function loadOnce(
  browser: import('playwright-core').Browser,
  url: string,
  options: { identity?: boolean } = {},
): Promise<WebLoadRun> {
  // A phone-sized window, as a citizen opens the link printed on the slip.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (options.identity)
      await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PROFILE_3G.latencyMs,
      downloadThroughput: (PROFILE_3G.downloadKbps * 1000) / 8,
      uploadThroughput: (PROFILE_3G.uploadKbps * 1000) / 8,
    });
    let bytes = 0;
    let requests = 0;
    const failedRequests: string[] = [];
    const urls = new Map<string, string>();
    cdp.on('Network.requestWillBeSent', (e) => {
      requests += 1;
      urls.set(e.requestId, e.request.url);
    });
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
    });
    cdp.on('Network.loadingFailed', (e) => failedRequests.push(urls.get(e.requestId) ?? e.requestId));
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.status >= 400) failedRequests.push(`${e.response.status} ${e.response.url}`);
    });
    const started = performance.now();
    await tab.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const loadMs = performance.now() - started;
    // Usable: the look-up form's code field is on the screen.
    await tab.getByRole('textbox').first().waitFor({ state: 'visible', timeout: 60_000 });
    const readyMs = performance.now() - started;
    // Whatever the page fetches right after it is usable (fonts, lazy chunks) counts too.
    await tab.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
    return {
      loadMs: Math.round(loadMs),
      readyMs: Math.round(readyMs),
      bytes,
      requests,
      failedRequests,
    };
  } finally {
    await context.close();
  }
}
