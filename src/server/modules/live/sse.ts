/**
 * Server-sent events for a live channel: the current state first (`snapshot`, so a page that (re)connects is right
 * at once), then each event of the channel as it is committed, and a comment every 20 s so proxies keep the
 * connection open. The browser's EventSource reconnects by itself (after `retry` ms) and gets a fresh snapshot.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveEvent, LiveHub } from './hub';

const HEARTBEAT_MS = 20_000;
const RETRY_MS = 2_000;

function frame(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export interface StreamOptions {
  hub: LiveHub;
  channel: string;
  /** Sent first as the event `snapshot`. */
  snapshot?: () => Promise<unknown>;
  /** What a subscriber receives of each event (default: the event's data). */
  project?: (event: LiveEvent) => unknown;
}

/** Answers the request with an event stream of the channel until the client goes away or the server stops. */
export async function streamChannel(req: FastifyRequest, reply: FastifyReply, options: StreamOptions) {
  const { hub, channel } = options;
  const queued: string[] = [];
  let ready = false;
  let ended = false;
  let heartbeat: NodeJS.Timeout | undefined;
  const raw = reply.raw;
  const write = (chunk: string) => {
    if (ended) return;
    if (ready) raw.write(chunk);
    else queued.push(chunk);
  };
  // Subscribe before the snapshot is read: an event committed in between is sent after it, never lost.
  const unsubscribe = await hub.subscribe(
    channel,
    (event) => write(frame(event.type, options.project ? options.project(event) : event.data)),
    () => end(),
  );
  const snapshot = options.snapshot ? await options.snapshot().catch(unsubscribeAndThrow) : undefined;
  function unsubscribeAndThrow(e: unknown): never {
    unsubscribe();
    throw e;
  }
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: do not buffer the stream
    'x-request-id': String(req.id),
  });
  raw.write(`retry: ${RETRY_MS}\n\n`);
  if (options.snapshot) raw.write(frame('snapshot', snapshot));
  ready = true;
  for (const chunk of queued.splice(0)) raw.write(chunk);
  if (ended) return void raw.end();
  heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  function end() {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    raw.end();
  }
  req.raw.on('close', end);
  raw.on('error', end);
}
