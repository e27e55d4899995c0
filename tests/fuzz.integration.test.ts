/**
 * Schema-driven fuzz test: every operation of /api/openapi.json, anonymously and as several roles, gets requests
 * generated from its own parameter and body schemas (fast-check) — mostly well-shaped values, mixed with wrong
 * types, empty and over-long strings, NUL and other control characters, bidi overrides, impossible dates, other
 * communes' codes and ids, malformed multipart bodies. No input may answer 5xx. Bounded: XASO_FUZZ_RUNS runs per
 * operation and role (default 3), a fixed seed per operation (XASO_FUZZ_SEED changes it), on both engines.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from './support/app';
import { ENGINES } from './support/database';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
};
type Parameter = { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
};
interface FuzzRequest {
  method: string;
  url: string;
  payload?: string;
  headers: Record<string, string>;
}

const RUNS = Number(process.env.XASO_FUZZ_RUNS ?? 3);
const SEED = Number(process.env.XASO_FUZZ_SEED ?? 20250701);

/** Operations that end the caller's own session: fuzzed anonymously only. */
const SESSION_ENDING = new Set([
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/logout-all',
  'POST /api/v1/auth/change-password',
]);

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u001b[31m',
  '\u202eexe.pdf',
  '%',
  '_',
  "' OR 1=1 --",
  '../../etc/passwd',
  'Nguyễn Văn A',
  'x'.repeat(10_001),
  '9999-12-31',
  '0000-00-00',
  '2026-02-30',
  '-1',
  '1e309',
  'NaN',
  'null',
  '18100',
  '18754',
  '00000',
  '{}',
  '[]',
  '\ud800',
];

function hashSeed(text: string): number {
  let h = SEED;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** Arbitrary for a JSON value of this schema: mostly well-shaped, sometimes wrong (one in five). */
function anyValueOf(schema: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.constantFrom(...NASTY_STRINGS),
    fc.boolean(),
    fc.constant({}),
    fc.constant([]),
  );
  return fc.oneof(
    { weight: 4, arbitrary: shapedValueOf(schema, ids, depth) },
    { weight: 1, arbitrary: wrong },
  );
}

function stringOf(schema: Schema, ids: string[]): fc.Arbitrary<string> {
  const max = Math.min(schema.maxLength ?? 60, 300);
  const options: fc.Arbitrary<string>[] = [
    fc.string({ maxLength: max }),
    fc.string({ unit: 'binary', maxLength: max }),
    fc.constantFrom(...NASTY_STRINGS),
    fc.constant('y'.repeat((schema.maxLength ?? 2000) + 1)),
  ];
  if (schema.format === 'uuid' || /uuid|[0-9a-fA-F]\{8\}/.test(schema.pattern ?? ''))
    options.push(fc.constantFrom(...ids), fc.uuid());
  if (schema.format === 'date' || /\\d\{4\}-\\d\{2\}/.test(schema.pattern ?? ''))
    options.push(
      fc
        .date({ min: new Date('1899-01-01'), max: new Date('2300-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    );
  if (schema.format === 'date-time')
    options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  return fc.oneof(...options);
}

function shapedValueOf(schema: Schema | undefined, ids: string[], depth: number): fc.Arbitrary<unknown> {
  if (!schema) return fc.constantFrom(...NASTY_STRINGS);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return fc.oneof(...union.map((s) => shapedValueOf(s, ids, depth)));
  if (schema.allOf?.length) return shapedValueOf(schema.allOf[0], ids, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return stringOf(schema, ids);
    case 'integer':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 100_000, 2 ** 31 - 1) }),
        fc.constantFrom(-1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e300),
      );
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-1, 0, 1e300));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(anyValueOf(schema.items, ids, depth + 1), { maxLength: 4 });
    case 'object': {
      if (depth > 4 || !schema.properties) return fc.constant({});
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, s] of Object.entries(schema.properties)) model[key] = anyValueOf(s, ids, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
    }
    default:
      return fc.constantFrom(...NASTY_STRINGS);
  }
}

const asParam = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** encodeURIComponent, with a lone surrogate sent as the invalid UTF-8 bytes a raw client could send. */
function encodePathPart(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^%\w.-]/g, (c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return '%ED%A0%80';
      }
    });
  }
}

const MALFORMED_MULTIPART = [
  '--xaso\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc',
  '--xaso\r\n\r\n',
  'not multipart at all',
  '--xaso--',
];

function requestsFor(method: string, path: string, op: Operation, ids: string[]): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const pathArb = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        fc.oneof(
          { weight: 3, arbitrary: shapedValueOf(p.schema, ids, 0) },
          { weight: 2, arbitrary: fc.constantFrom(...ids, '18100', '18754', '01001') },
        ),
      ]),
    ),
  );
  const queryArb = fc.record(
    Object.fromEntries(queryParams.map((p) => [p.name, anyValueOf(p.schema, ids)])),
    {
      requiredKeys: [],
    },
  );
  const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
  const multipart =
    !!op.requestBody?.content?.['multipart/form-data'] || (method === 'post' && !op.requestBody);
  const bodyArb: fc.Arbitrary<{ payload?: string; type?: string }> = jsonSchema
    ? fc.oneof(
        {
          weight: 5,
          arbitrary: anyValueOf(jsonSchema, ids).map((v) => ({
            payload: JSON.stringify(v),
            type: 'application/json',
          })),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            { payload: '{"a":', type: 'application/json' },
            { payload: '\u0000', type: 'application/json' },
          ),
        },
      )
    : multipart
      ? fc.oneof(
          fc.constant({}),
          fc.constantFrom(...MALFORMED_MULTIPART).map((payload) => ({
            payload,
            type: 'multipart/form-data; boundary=xaso',
          })),
        )
      : fc.constant({});
  return fc.tuple(pathArb, queryArb, bodyArb).map(([pathValues, queryValues, body]): FuzzRequest => {
    let url = path;
    for (const [name, value] of Object.entries(pathValues))
      url = url.replace(`{${name}}`, encodePathPart(asParam(value)));
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(queryValues)) search.set(name, asParam(value));
    const qs = search.toString();
    return {
      method: method.toUpperCase(),
      url: qs ? `${url}?${qs}` : url,
      ...(body.payload !== undefined ? { payload: body.payload } : {}),
      headers: body.type ? { 'content-type': body.type } : ({} as Record<string, string>),
    };
  });
}

async function answer(app: FastifyInstance, req: FuzzRequest, headers: Record<string, string>) {
  const res = await Promise.race([
    app.inject({
      method: req.method as 'GET',
      url: req.url,
      payload: req.payload,
      headers: {
        ...headers,
        ...req.headers,
        'x-forwarded-for': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      },
    }),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in 15 s: ${req.method} ${req.url}`)), 15_000),
    ),
  ]);
  return res;
}

describe.each(ENGINES)('fuzzing every operation of the OpenAPI document on %s', (engine) => {
  let t: TestApp;
  const operations: [string, string, Operation][] = [];
  let ids: string[] = [];
  const callers: [string, Record<string, string>][] = [['anonymous', {}]];

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const streams = Object.values(op.responses ?? {}).some(
          (r) => r.content && 'text/event-stream' in r.content,
        );
        if (!streams) operations.push([method, path, op]);
      }
    for (const user of ['admin', 'lanhdao.tranphu', 'motcua.tranphu'])
      callers.push([user, await loginAs(t.app, user)]);
    // Real ids of both communes' records, so generated requests reach past "not found" into the services.
    const admin = callers[1]![1];
    const grab = async (url: string) => {
      const res = await t.app.inject({ url, headers: admin });
      const body = res.json() as { items?: { id?: string }[] };
      return (body.items ?? []).map((i) => i.id).filter((id): id is string => typeof id === 'string');
    };
    ids = [
      ...(await grab('/api/v1/dossiers?limit=5&communeCode=18100')),
      ...(await grab('/api/v1/dossiers?limit=5&communeCode=18754')),
      ...(await grab('/api/v1/communes/18100/bodies')).slice(0, 3),
      ...(await grab('/api/v1/communes/18754/officials')).slice(0, 3),
      ...(await grab('/api/v1/procedures?limit=3')),
      randomUUID(),
    ];
  }, 300_000);
  afterAll(() => t?.close());

  it('covers the whole API', () => {
    expect(operations.length).toBeGreaterThan(80);
  });

  it('answers a truncated upload form with 400 (it was a 500)', async () => {
    const admin = callers[1]![1];
    for (const url of ['/api/v1/procedures/import?dryRun=true', `/api/v1/dossiers/${ids[0]}/attachments`]) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...admin, 'content-type': 'multipart/form-data; boundary=xaso' },
        payload: MALFORMED_MULTIPART[0],
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ code: 'bad_request' });
    }
  });

  it('never answers 5xx, whoever sends whatever', async () => {
    const failures: string[] = [];
    for (const [method, path, op] of operations) {
      const key = `${method.toUpperCase()} ${path}`;
      for (const [who, headers] of callers) {
        if (who !== 'anonymous' && SESSION_ENDING.has(key)) continue;
        const result = await fc.check(
          fc.asyncProperty(requestsFor(method, path, op, ids), async (req) => {
            const res = await answer(t.app, req, headers);
            return res.statusCode < 500;
          }),
          { numRuns: RUNS, seed: hashSeed(`${key} ${who}`), endOnFailure: true },
        );
        if (result.failed) failures.push(`${who}: ${key} ← ${JSON.stringify(result.counterexample?.[0])}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
