/**
 * One log line per request, written when it is answered (method, route, redacted URL, client address, status,
 * time; the request id comes from the request's logger); the "incoming request" line is debug only. A rate-limited
 * refusal (429) is logged at debug level: a flood of them from one client must not cost a log write each, nor bury
 * the lines that matter.
 *
 * A request's logger (the server's logger bound to the request id) is made only when something is logged through
 * it: at warn or above, most requests never log and never pay for it.
 */
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import pino, { type Bindings, type ChildLoggerOptions } from 'pino';

type Logger = FastifyBaseLogger & { isLevelEnabled?(level: string): boolean; msgPrefix?: string };

/** Whether a line at this level would be written (a logger without the question, e.g. none at all: yes). */
const enabled = (log: Logger, level: string) => log.isLevelEnabled?.(level) ?? true;

export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest) {
    if (enabled(request.log, 'debug')) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const log = reply.log;
    if (error) {
      log.error(
        {
          req: request,
          res: reply,
          route: request.routeOptions.url,
          err: error,
          responseTime: reply.elapsedTime,
        },
        'request errored',
      );
    } else if (reply.statusCode === 429) {
      if (enabled(log, 'debug'))
        log.debug(
          { req: request, res: reply, route: request.routeOptions.url, responseTime: reply.elapsedTime },
          'request rate-limited',
        );
    } else if (enabled(log, 'info')) {
      log.info(
        { req: request, res: reply, route: request.routeOptions.url, responseTime: reply.elapsedTime },
        'request completed',
      );
    }
  }
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogFn = (...args: unknown[]) => void;

/**
 * A request's logger that becomes the real child logger (bound to the request id) on the first line written at an
 * enabled level; until then it costs one small object. Route-level log levels get the real child at once.
 */
class LazyRequestLogger {
  #child: Logger | null = null;
  readonly #parent: Logger;
  readonly #bindings: Record<string, unknown>;
  readonly #options: Record<string, unknown>;
  constructor(
    parent: FastifyBaseLogger,
    bindings: Record<string, unknown>,
    options: Record<string, unknown>,
  ) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #real(): Logger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options);
    return this.#child;
  }

  #write(level: Level, args: unknown[]) {
    if (this.#child) return (this.#child[level] as LogFn)(...args);
    if (!enabled(this.#parent, level)) return;
    const [first, ...rest] = args;
    // One line with an object (the usual case, and the request line): the server's logger writes it with the
    // request id in front, as the child would, without making the child.
    if (first !== null && typeof first === 'object' && Object.getPrototypeOf(first) === Object.prototype)
      return (this.#parent[level] as LogFn)({ ...this.#bindings, ...first }, ...rest);
    (this.#real()[level] as LogFn)(...args);
  }

  get level(): string {
    return this.#child ? this.#child.level : this.#parent.level;
  }
  set level(level: string) {
    this.#real().level = level;
  }
  get msgPrefix() {
    return this.#parent.msgPrefix;
  }
  isLevelEnabled(level: string): boolean {
    return enabled(this.#child ?? this.#parent, level);
  }
  fatal(...args: unknown[]) {
    this.#write('fatal', args);
  }
  error(...args: unknown[]) {
    this.#write('error', args);
  }
  warn(...args: unknown[]) {
    this.#write('warn', args);
  }
  info(...args: unknown[]) {
    this.#write('info', args);
  }
  debug(...args: unknown[]) {
    this.#write('debug', args);
  }
  trace(...args: unknown[]) {
    this.#write('trace', args);
  }
  silent() {}
  child(bindings: Record<string, unknown>, options?: Record<string, unknown>): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }
  bindings() {
    return { ...(this.#parent as unknown as { bindings(): object }).bindings(), ...this.#bindings };
  }
}

/** Fastify's childLoggerFactory: the request's logger, made lazily (above). */
export function lazyRequestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level || options.serializers) return logger.child(bindings, options);
  return new LazyRequestLogger(
    logger,
    bindings,
    options as Record<string, unknown>,
  ) as unknown as FastifyBaseLogger;
}

/**
 * Standard output written asynchronously (lines gather while the previous write is under way): a request never
 * waits on the terminal or the log collector. Flushed when the server closes, and by pino when the process exits.
 */
export function asyncStdout(): pino.DestinationStream & { flushSync(): void } {
  return pino.destination({ dest: 1, sync: false });
}
