#!/usr/bin/env node
/**
 * The benchmark's load generator, in a process of its own (not the server's, not the benchmark's event loop):
 * autocannon with the options given as JSON in argv[2] — { url, connections, duration, method?, paths, headers?,
 * bodies?, start? }; paths and bodies are cycled. In them and in header values "{n}" becomes the request's number
 * (from `start`), so each request can carry its own Idempotency-Key and applicant. Prints the figures as JSON.
 */
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2]);
let n = o.start ?? 0;
const fill = (s, i) => s.replaceAll('{n}', String(i));

const result = await autocannon({
  url: o.url,
  connections: o.connections,
  duration: o.duration,
  requests: [
    {
      method: o.method ?? 'GET',
      setupRequest: (req) => {
        const i = n++;
        const headers = Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k, fill(v, i)]));
        return {
          ...req,
          path: fill(o.paths[i % o.paths.length], i),
          headers: { ...req.headers, ...headers },
          ...(o.bodies?.length ? { body: fill(o.bodies[i % o.bodies.length], i) } : {}),
        };
      },
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    p50: result.latency.p50,
    p99: result.latency.p99,
    requestsPerSecond: Math.round(result.requests.average),
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    statusCodes: result.statusCodeStats,
  }),
);
