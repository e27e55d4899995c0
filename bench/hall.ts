/**
 * The hall screen under 500 viewers (issue 11 §3: "500 connected viewers with updates within 1 s").
 *
 * Per engine: the real server in a child process (demo data), a HĐND meeting created, its members invited and the
 * meeting opened through the API as the secretary would; then 500 clients hold GET /api/v1/public/meetings/:id/events
 * open (raw HTTP from this process, each waiting for its snapshot), and the secretary performs check-ins / leaves
 * (attendance.changed) and opens and closes votes (vote.closed). Each viewer does what the hall page does: on the
 * event it asks GET …/hall again (HallPage.tsx). For each action the delay is measured from the moment the
 * secretary's request is sent until the LAST of the 500 viewers has the new hall view (and, beside it, until the last
 * one has the event itself): p50, p95, max.
 * The server's resident memory (RSS) is read from /proc before the clients connect, with them connected, and its
 * peak (VmHWM). Beside it, the raw database: the same NOTIFY (pg_notify in a committed statement) delivered to one
 * LISTEN client in this process, through the same live hub.
 */

import fs from 'node:fs';
import http from 'node:http';
import { type EngineKind, openDatabase } from '../src/server/db/database';
import { createLiveHub, publishLive } from '../src/server/modules/live/hub';
import { createServerData, loginOver, startServer } from '../tests/support/server-process';
import { round } from './load';

export const HALL_CLIENTS = Number(process.env.BENCH_HALL_CLIENTS ?? 500);
/** Attendance changes measured (check-ins of every member, then leave / back of one member). */
const ATTENDANCE_EVENTS = Number(process.env.BENCH_HALL_ATTENDANCE ?? 10);
/** Votes opened and closed (one agenda item each). */
const VOTE_EVENTS = Number(process.env.BENCH_HALL_VOTES ?? 5);
const TARGET_MS = 1000;
const EVENT_TIMEOUT_MS = 180_000;
const COMMUNE = '18100';

export interface Delays {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export interface HallFigures {
  engine: EngineKind;
  clients: number;
  /** Every measured update (attendance and vote closes) until the last viewer's screen shows it (event + refetch). */
  allClients: Delays;
  /** The same updates until the last viewer has the event itself (before its refetch). */
  eventDelivered: Delays;
  /** Refetches of the hall view shed (503) and tried again; the secretary's requests likewise. */
  refetchShed: number;
  secretaryShed: number;
  attendance: Delays;
  voteClosed: Delays;
  /** The same NOTIFY to one LISTEN client, no HTTP. */
  rawNotify: Delays;
  rssMiB: { idle: number; connected: number; peak: number };
  connectSeconds: number;
  /** Stream openings answered 503 (load shedding) and tried again. */
  shedOnConnect: number;
  targetMs: number;
  withinTarget: boolean;
}

function delays(values: number[]): Delays {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  return { count: s.length, p50: round(at(0.5), 1), p95: round(at(0.95), 1), max: round(s.at(-1) ?? 0, 1) };
}

function memoryMiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (!pid) return 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0);
    return round(kb / 1024, 1);
  } catch {
    return 0; // not Linux
  }
}

/** One viewer: an open event stream, parsed frame by frame. */
/** Whether an event's data is the whole hall view, as HallPage.tsx tells it (a meetingId and a present count). */
function carriesHall(frame: string): boolean {
  const data = frame
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice(6))
    .join('\n');
  try {
    const d = JSON.parse(data) as Record<string, unknown>;
    return typeof d === 'object' && d !== null && 'meetingId' in d && 'present' in d;
  } catch {
    return false;
  }
}

class Viewer {
  private buffer = '';
  request: http.ClientRequest | null = null;
  constructor(
    private readonly onFrame: (viewer: Viewer, type: string, hall: boolean) => void,
    readonly index: number,
  ) {}
  open(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      let snapshot = false;
      const req = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          let text = '';
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => reject(new Error(`viewer ${this.index}: HTTP ${res.statusCode} ${text}`)));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          this.buffer += chunk;
          let end = this.buffer.indexOf('\n\n');
          while (end >= 0) {
            const frame = this.buffer.slice(0, end);
            this.buffer = this.buffer.slice(end + 2);
            const type = frame.match(/^event: (.+)$/m)?.[1];
            if (type === 'snapshot' && !snapshot) {
              snapshot = true;
              resolve();
            } else if (type) this.onFrame(this, type, carriesHall(frame));
            end = this.buffer.indexOf('\n\n');
          }
        });
      });
      req.on('error', reject);
      this.request = req;
    });
  }
  close() {
    this.request?.destroy();
  }
}

/** The hall page's own connections for its refetches (a browser keeps one open per page). */
const pageAgent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** GET the hall view as the page does after an event; a shed answer (503) is tried again a second later. */
async function fetchHall(url: string, onShed: () => void): Promise<void> {
  for (;;) {
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(url, { agent: pageAgent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });
    if (status === 200) return;
    if (status !== 503) throw new Error(`GET ${url}: HTTP ${status}`);
    onShed();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * One measured update: when the last viewer received the event, and when the last viewer's screen had the new state
 * — the hall page (HallPage.tsx) asks GET …/hall again after each event whose data is not the whole hall view.
 */
class Waiter {
  private events: Set<number> | null = null;
  private screens: Set<number> | null = null;
  private type = '';
  private eventAt = 0;
  private screenAt = 0;
  private done: (() => void) | null = null;
  private failed: ((e: Error) => void) | null = null;
  refetchShed = 0;
  constructor(private readonly hallUrl: string) {}
  onFrame = (viewer: Viewer, type: string, hall: boolean) => {
    if (!this.events || type !== this.type || !this.events.has(viewer.index)) return;
    this.events.delete(viewer.index);
    this.eventAt = performance.now();
    const screens = this.screens!;
    if (hall) {
      // The event carries the whole hall view: the page shows it without asking again (HallPage.tsx, isHall).
      screens.delete(viewer.index);
      this.screenAt = this.eventAt;
      if (screens.size === 0 && this.events.size === 0) this.done?.();
      return;
    }
    fetchHall(this.hallUrl, () => {
      this.refetchShed += 1;
    }).then(
      () => {
        screens.delete(viewer.index);
        this.screenAt = performance.now();
        if (screens.size === 0 && this.events?.size === 0) this.done?.();
      },
      (e: Error) => this.failed?.(e),
    );
  };
  async measure(
    type: string,
    viewers: number,
    action: () => Promise<void>,
  ): Promise<{ event: number; screen: number }> {
    this.type = type;
    this.events = new Set(Array.from({ length: viewers }, (_, i) => i));
    this.screens = new Set(this.events);
    const all = new Promise<void>((resolve, reject) => {
      this.done = resolve;
      this.failed = reject;
      setTimeout(
        () =>
          reject(
            new Error(
              `${type}: ${this.screens?.size} viewers without the update after ${EVENT_TIMEOUT_MS} ms`,
            ),
          ),
        EVENT_TIMEOUT_MS,
      ).unref();
    });
    const t0 = performance.now();
    await action();
    await all;
    this.events = null;
    return { event: this.eventAt - t0, screen: this.screenAt - t0 };
  }
}

let secretaryShed = 0;

async function api(
  baseUrl: string,
  headers: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
) {
  let res: Response;
  for (;;) {
    res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== 503) break;
    // Shed while the server is busy: the secretary tries again a second later (counted, inside the delay).
    secretaryShed += 1;
    await res.body?.cancel();
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

const todayInVietnam = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

async function rawNotifyDelays(open: Parameters<typeof openDatabase>[0], n: number): Promise<Delays> {
  const database = await openDatabase(open);
  const hub = createLiveHub(database);
  try {
    let arrived: (() => void) | null = null;
    await hub.subscribe('bench:raw', () => arrived?.());
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const got = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const t0 = performance.now();
      await publishLive(database.db, {
        channel: 'bench:raw',
        type: 'attendance.changed',
        data: { present: i },
      });
      await got;
      values.push(performance.now() - t0);
    }
    return delays(values);
  } finally {
    await hub.close();
    await database.close();
  }
}

export async function benchHallScreen(kind: EngineKind, log: (s: string) => void): Promise<HallFigures> {
  const data = await createServerData(kind, 'xaso_bench_hall');
  try {
    // The public per-address limit counts each stream opened; 500 viewers come from one address here.
    const server = await startServer(data, { env: { XASO_PUBLIC_RATE_LIMIT: '100000000' } });
    let figures: Omit<HallFigures, 'rawNotify' | 'withinTarget'>;
    const viewers: Viewer[] = [];
    try {
      const { baseUrl } = server;
      const secretary = await loginOver(baseUrl, 'admin');
      const call = (method: string, path: string, body?: unknown) =>
        api(baseUrl, secretary, method, path, body);
      const bodies = (await call('GET', `/api/v1/communes/${COMMUNE}/meeting-bodies`)) as {
        items: { bodyId: string; bodyKind: string; membersToday: number }[];
      };
      const council = bodies.items.find((b) => b.bodyKind === 'council');
      if (!council) throw new Error('no HĐND in the demo commune');
      const meeting = await call('POST', `/api/v1/communes/${COMMUNE}/meetings`, {
        bodyId: council.bodyId,
        kind: 'regular',
        title: 'Kỳ họp đo tải màn hình hội trường',
        meetingDate: todayInVietnam(),
        startTime: '08:00',
        place: 'Hội trường UBND xã',
      });
      const id = meeting.id as string;
      const items: string[] = [];
      for (let i = 0; i < VOTE_EVENTS; i++) {
        const d = await call('POST', `/api/v1/meetings/${id}/items`, {
          title: `Biểu quyết số ${i + 1}`,
          decision: 'open_vote',
          subject: 'procedural',
        });
        const agenda = d.agenda as { id: string; title: string }[];
        items.push(agenda.find((a) => a.title === `Biểu quyết số ${i + 1}`)!.id);
      }
      await call('POST', `/api/v1/meetings/${id}/invite`, { guests: [] });
      const opened = await call('POST', `/api/v1/meetings/${id}/open`);
      const members = (opened.participants as { id: string; role: string }[]).filter(
        (p) => p.role === 'member',
      );
      if (members.length === 0) throw new Error('the meeting has no members');

      const idle = memoryMiB(server.child.pid, 'VmRSS');
      log(`${kind}: ${HALL_CLIENTS} viewers connecting to /api/v1/public/meetings/${id}/events…`);
      const waiter = new Waiter(`${baseUrl}/api/v1/public/meetings/${id}/hall`);
      const url = `${baseUrl}/api/v1/public/meetings/${id}/events`;
      const c0 = performance.now();
      // Viewers arrive ten at a time; one the server sheds (503 while it is busy) tries again a second later.
      let shed = 0;
      const openWithRetry = async (v: Viewer): Promise<void> => {
        for (;;) {
          try {
            return await v.open(url);
          } catch (e) {
            if (!/HTTP 503/.test((e as Error).message) || shed > HALL_CLIENTS * 5) throw e;
            shed += 1;
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
      };
      for (let i = 0; i < HALL_CLIENTS; i += 10) {
        const batch = Array.from(
          { length: Math.min(10, HALL_CLIENTS - i) },
          (_, k) => new Viewer(waiter.onFrame, i + k),
        );
        viewers.push(...batch);
        await Promise.all(batch.map(openWithRetry));
      }
      const connectSeconds = round((performance.now() - c0) / 1000, 1);
      const connected = memoryMiB(server.child.pid, 'VmRSS');

      log(
        `${kind}: ${ATTENDANCE_EVENTS} attendance changes and ${VOTE_EVENTS} votes closed, each awaited by all viewers…`,
      );
      secretaryShed = 0;
      const attendance: { event: number; screen: number }[] = [];
      const present = new Set<string>();
      for (let i = 0; i < ATTENDANCE_EVENTS; i++) {
        // Every member checks in first; then the last one leaves and comes back, over and over.
        const member = members[Math.min(i, members.length - 1)]!;
        const action = present.has(member.id) ? 'leave' : 'check_in';
        attendance.push(
          await waiter.measure('attendance.changed', HALL_CLIENTS, async () => {
            await call('POST', `/api/v1/meetings/${id}/attendance`, { participantId: member.id, action });
          }),
        );
        if (action === 'leave') present.delete(member.id);
        else present.add(member.id);
      }
      // Everyone present again, so that quorum lets the votes open.
      for (const m of members)
        if (!present.has(m.id)) {
          await waiter.measure('attendance.changed', HALL_CLIENTS, async () => {
            await call('POST', `/api/v1/meetings/${id}/attendance`, {
              participantId: m.id,
              action: 'check_in',
            });
          });
          present.add(m.id);
        }
      const votes: { event: number; screen: number }[] = [];
      for (const item of items) {
        const vote = await call('POST', `/api/v1/meeting-items/${item}/votes`, {});
        votes.push(
          await waiter.measure('vote.closed', HALL_CLIENTS, async () => {
            await call('POST', `/api/v1/meeting-votes/${vote.id as string}/close`);
          }),
        );
      }
      figures = {
        engine: kind,
        clients: HALL_CLIENTS,
        allClients: delays([...attendance, ...votes].map((d) => d.screen)),
        eventDelivered: delays([...attendance, ...votes].map((d) => d.event)),
        attendance: delays(attendance.map((d) => d.screen)),
        voteClosed: delays(votes.map((d) => d.screen)),
        refetchShed: waiter.refetchShed,
        secretaryShed,
        rssMiB: { idle, connected, peak: memoryMiB(server.child.pid, 'VmHWM') },
        connectSeconds,
        shedOnConnect: shed,
        targetMs: TARGET_MS,
      };
    } finally {
      for (const v of viewers) v.close();
      await server.stop();
    }
    log(`${kind}: raw NOTIFY → one LISTEN client…`);
    const rawNotify = await rawNotifyDelays(data.open, ATTENDANCE_EVENTS + VOTE_EVENTS);
    return { ...figures, rawNotify, withinTarget: figures.allClients.max < TARGET_MS };
  } finally {
    await data.dispose();
  }
}

function table(rows: string[][], log: (s: string) => void) {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  log('');
  for (const [i, r] of rows.entries()) {
    log(`| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
    if (i === 0) log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  }
}

export function printHallScreen(figures: HallFigures[], log: (s: string) => void) {
  if (figures.length === 0) return;
  const each = (f: (h: HallFigures) => string) => figures.map(f);
  const d = (x: Delays) => `${x.p50} / ${x.p95} / ${x.max}`;
  log(
    `\nhall screen: ${figures[0]!.clients} viewers on GET /api/v1/public/meetings/{id}/events; delay from the secretary's ` +
      `request until the LAST viewer shows the change, ms (p50 / p95 / max), target under ${figures[0]!.targetMs} ms:`,
  );
  table(
    [
      ['figure', ...each((h) => h.engine)],
      ['every update on all 500 screens (event + GET …/hall)', ...each((h) => d(h.allClients))],
      ['the event itself at the last viewer', ...each((h) => d(h.eventDelivered))],
      ['attendance.changed (check-in / leave)', ...each((h) => `${d(h.attendance)} (${h.attendance.count})`)],
      ['vote.closed (result on screen)', ...each((h) => `${d(h.voteClosed)} (${h.voteClosed.count})`)],
      ['raw NOTIFY → one LISTEN client', ...each((h) => d(h.rawNotify))],
      [
        'server RSS idle / 500 connected / peak (MiB)',
        ...each((h) => `${h.rssMiB.idle} / ${h.rssMiB.connected} / ${h.rssMiB.peak}`),
      ],
      [
        'requests shed (503) and retried: hall refetches; secretary',
        ...each((h) => `${h.refetchShed}; ${h.secretaryShed}`),
      ],
      [
        'viewers connected in (s); openings shed (503) and retried',
        ...each((h) => `${h.connectSeconds}; ${h.shedOnConnect}`),
      ],
      [`every update under ${figures[0]!.targetMs} ms`, ...each((h) => (h.withinTarget ? 'yes' : 'NO'))],
    ],
    log,
  );
}

/** `--only hall`: measure on the engines and write `hallScreen` into the existing results.json. */
export async function mainHallOnly(engines: EngineKind[], resultsFile: string, log: (s: string) => void) {
  const hallScreen: HallFigures[] = [];
  for (const kind of engines) hallScreen.push(await benchHallScreen(kind, log));
  const previous = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {};
  fs.writeFileSync(
    resultsFile,
    `${JSON.stringify({ ...previous, hallScreen, hallScreenDate: new Date().toISOString() }, null, 2)}\n`,
  );
  printHallScreen(hallScreen, log);
  log('\nwritten to bench/results.json (hallScreen)');
}
