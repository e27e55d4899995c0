/**
 * Open311 GeoReport v2 on PGlite and PostgreSQL, written from the specification (open311/open311.github.io,
 * GeoReport_v2/index.md): every method in JSON and in XML (the XML parsed back and its element names checked),
 * every required argument missing → the specification's error list with its HTTP status (400 not provided, 404
 * not found, 403 api_key), api keys from XãSố's API tokens (another commune's, a revoked one, one without
 * feedback.receive: refused), the GET requests filters and limits, no personal data in any GET answer, and a
 * request posted through Open311 found in the staff queue (received, channel open311) under its tracking code.
 */
import { and, eq, sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../../tests/support/app';
import { ENGINES } from '../../../../../tests/support/database';
import { auditEntries } from '../../audit/schema';
import { feedbackCategories, feedbackReports } from '../schema';

const J = '18100'; // Phường Trần Phú (Hà Tĩnh)
const OTHER = '18754'; // Phường Sông Trí (Hà Tĩnh)
const BASE = '/open311/v2';
const SERVICE_FIELDS = [
  'service_code',
  'service_name',
  'description',
  'metadata',
  'type',
  'keywords',
  'group',
];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'lat',
  'long',
  'media_url',
];
const W3 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const CODE = /^PA-18100-\d{6}-\d{4}$/;

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute'].includes(name),
});
type Err = { code: number; description: string };
type Req311 = Record<string, string | number | null>;

let clientNo = 0;
/** Each call from its own address, so the per-address rate limit is only met where a test means it. */
const nextClient = () => {
  clientNo += 1;
  return `203.0.${Math.floor(clientNo / 250) % 250}.${clientNo % 250}`;
};

describe.each(ENGINES)('Open311 GeoReport v2 on %s', { timeout: 120_000 }, (engine) => {
  let t: TestApp;
  let app: TestApp['app'];
  let staff: Record<string, string>;
  let key: string;
  let otherKey: string;
  let readOnlyKey: string;
  let revokedKey: string;

  const get = (path: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url: `${BASE}${path}`,
      headers: { 'x-forwarded-for': nextClient(), ...headers },
    });
  const post = (fmt: 'json' | 'xml', fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `${BASE}/requests.${fmt}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-forwarded-for': nextClient(),
        ...headers,
      },
      payload: new URLSearchParams(fields).toString(),
    });
  const valid = (extra: Record<string, string> = {}) => ({
    api_key: key,
    jurisdiction_id: J,
    service_code: 'infrastructure',
    lat: '18.3433',
    long: '105.9057',
    description: 'Đèn đường trước nhà văn hóa tổ dân phố 5 bị hỏng, tối không có đèn.',
    ...extra,
  });
  /** The specification's error list in either format (the XML parsed back, element names checked). */
  const errorsOf = (res: LightMyRequestResponse): Err[] => {
    if (res.headers['content-type']?.toString().startsWith('text/xml')) {
      const doc = xml.parse(res.body) as { errors: { error: { code: string; description: string }[] } };
      expect(Object.keys(doc).filter((k) => k !== '?xml')).toEqual(['errors']);
      for (const e of doc.errors.error) expect(Object.keys(e).sort()).toEqual(['code', 'description']);
      return doc.errors.error.map((e) => ({ code: Number(e.code), description: e.description }));
    }
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = json<Err[]>(res);
    expect(Array.isArray(body)).toBe(true);
    for (const e of body) expect(Object.keys(e).sort()).toEqual(['code', 'description']);
    return body;
  };
  const expectError = (res: LightMyRequestResponse, status: number, ...mentions: string[]) => {
    expect(res.statusCode, res.body).toBe(status);
    const errors = errorsOf(res);
    expect(errors.length).toBeGreaterThan(0);
    const all = errors.map((e) => e.description).join(' | ');
    for (const m of mentions) expect(all).toContain(m);
    return errors;
  };
  const xmlRequests = (res: LightMyRequestResponse): Req311[] => {
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const doc = xml.parse(res.body) as { service_requests: '' | { request: Req311[] } };
    expect(Object.keys(doc).filter((k) => k !== '?xml')).toEqual(['service_requests']);
    return doc.service_requests === '' ? [] : doc.service_requests.request;
  };
  const created = async (extra: Record<string, string> = {}) => {
    const res = await post('json', valid(extra));
    expect(res.statusCode, res.body).toBe(201);
    return json<{ service_request_id: string; service_notice: string | null; account_id: null }[]>(res)[0]!;
  };
  /** Answered and published (what the handling steps end in), written straight into the table. */
  const publish = async (code: string, answer = 'UBND phường đã cho sửa.') => {
    const now = new Date();
    await t.database.db
      .update(feedbackReports)
      .set({
        state: 'answered',
        answerText: answer,
        answerPublicText: answer,
        answeredAt: now,
        publishedAt: now,
      })
      .where(eq(feedbackReports.code, code));
  };
  const token = async (headers: Record<string, string>, permissions: string[], communeCode: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers,
      payload: { name: 'Ứng dụng Open311', permissions, communeCode },
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string; token: string }>(res);
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    app = t.app;
    const [oneStop, otherOneStop, leader] = await Promise.all([
      loginAs(app, 'motcua.tranphu'),
      loginAs(app, 'motcua.songtri'),
      loginAs(app, 'lanhdao.tranphu'),
    ]);
    staff = oneStop;
    key = (await token(oneStop, ['feedback.receive'], J)).token;
    otherKey = (await token(otherOneStop, ['feedback.receive'], OTHER)).token;
    readOnlyKey = (await token(leader, ['feedback.read'], J)).token;
    const revoked = await token(oneStop, ['feedback.receive'], J);
    revokedKey = revoked.token;
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/tokens/${revoked.id}`,
      headers: oneStop,
    });
    expect(del.statusCode).toBe(204);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('GET services', () => {
    it('lists the categories of the province in JSON with the specification fields', async () => {
      const res = await get(`/services.json?jurisdiction_id=${J}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const services = json<Record<string, unknown>[]>(res);
      expect(services.length).toBeGreaterThanOrEqual(8);
      for (const s of services) {
        expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
        expect(s.metadata).toBe(false);
        expect(s.type).toBe('realtime');
        expect(['feedback', 'denunciation', 'complaint']).toContain(s.group);
        expect(typeof s.keywords).toBe('string');
      }
      const codes = services.map((s) => s.service_code);
      expect(codes).toEqual(
        expect.arrayContaining(['land', 'infrastructure', 'new_address', 'denunciation']),
      );
      expect(services.find((s) => s.service_code === 'denunciation')!.group).toBe('denunciation');
      // English names when the client asks for English.
      const en = json<{ service_code: string; service_name: string }[]>(
        await get(`/services.json?jurisdiction_id=${J}`, { 'accept-language': 'en' }),
      );
      const vi = services.find((s) => s.service_code === 'land')!.service_name;
      expect(en.find((s) => s.service_code === 'land')!.service_name).not.toBe(vi);
    });

    it('answers the same list in XML: <services><service>… with the declaration', async () => {
      const [jr, xr] = await Promise.all([
        get(`/services.json?jurisdiction_id=${J}`),
        get(`/services.xml?jurisdiction_id=${J}`),
      ]);
      expect(xr.statusCode).toBe(200);
      expect(xr.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(xr.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
      const doc = xml.parse(xr.body) as { services: { service: Record<string, string>[] } };
      expect(Object.keys(doc).filter((k) => k !== '?xml')).toEqual(['services']);
      const list = doc.services.service;
      for (const s of list) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
      expect(list.map((s) => s.service_code)).toEqual(
        json<{ service_code: string }[]>(jr).map((s) => s.service_code),
      );
      expect(list[0]!.metadata).toBe('false');
    });

    it('needs jurisdiction_id (400) and finds no unknown one (404), in either format', async () => {
      expectError(await get('/services.json'), 400, 'jurisdiction_id');
      expectError(await get('/services.xml'), 400, 'jurisdiction_id');
      // "Optional" semantics: an empty value is no value.
      expectError(await get('/services.json?jurisdiction_id='), 400, 'jurisdiction_id');
      const errs = expectError(
        await get('/services.xml?jurisdiction_id=99999'),
        404,
        'jurisdiction_id',
        '99999',
      );
      expect(errs[0]!.code).toBe(404);
      expectError(await get('/services.json?jurisdiction_id=sfgov.org'), 404, 'jurisdiction_id');
      expectError(await get(`/services.json?jurisdiction_id=${'9'.repeat(20_000)}`), 404, 'jurisdiction_id');
      // A NUL in the query: the input rule's 400, still in the specification's format.
      expectError(await get('/services.xml?jurisdiction_id=181%0000'), 400, 'jurisdiction_id');
    });
  });

  describe('GET service definition', () => {
    it('gives the code with an empty attribute list (metadata=false) in JSON and XML', async () => {
      const res = await get(`/services/land.json?jurisdiction_id=${J}`);
      expect(res.statusCode).toBe(200);
      expect(json(res)).toEqual({ service_code: 'land', attributes: [] });
      const xr = await get(`/services/land.xml?jurisdiction_id=${J}`);
      expect(xr.headers['content-type']).toBe('text/xml; charset=utf-8');
      const doc = xml.parse(xr.body) as Record<string, unknown>;
      expect(Object.keys(doc).filter((k) => k !== '?xml')).toEqual(['service_definition']);
      expect(doc.service_definition).toEqual({ service_code: 'land', attributes: '' });
    });

    it('404 for an unknown service_code or format, 400 without jurisdiction_id', async () => {
      expectError(await get(`/services/potholes.json?jurisdiction_id=${J}`), 404, 'service_code', 'potholes');
      expectError(await get(`/services/potholes.xml?jurisdiction_id=${J}`), 404, 'service_code');
      expectError(await get(`/services/land.csv?jurisdiction_id=${J}`), 404);
      expectError(await get('/services/land.xml'), 400, 'jurisdiction_id');
      expectError(await get('/services/land.json?jurisdiction_id=00000'), 404, 'jurisdiction_id');
    });
  });

  describe('POST request', () => {
    it('creates a report (form-encoded) answered in JSON; it is in the staff queue under its code', async () => {
      const res = await post('json', valid({ device_id: 'tt222111', account_id: '123456' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = json<Record<string, unknown>[]>(res);
      expect(body).toHaveLength(1);
      expect(Object.keys(body[0]!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
      const code = body[0]!.service_request_id as string;
      expect(code).toMatch(CODE);
      expect(body[0]!.account_id).toBeNull();
      expect(body[0]!.service_notice).toEqual(expect.any(String));

      const queue = await app.inject({
        method: 'GET',
        url: `/api/v1/communes/${J}/feedback?channel=open311`,
        headers: staff,
      });
      expect(queue.statusCode, queue.body).toBe(200);
      const item = json<{ items: { code: string; state: string; channel: string; categoryName: string }[] }>(
        queue,
      ).items.find((i) => i.code === code);
      expect(item).toMatchObject({ code, state: 'received', channel: 'open311' });

      const [row] = await t.database.db.select().from(feedbackReports).where(eq(feedbackReports.code, code));
      expect(row).toMatchObject({ communeCode: J, channel: 'open311', state: 'received', latitude: 18.3433 });
      // Audited in the commune's chain as the token's owner.
      const audit = await t.database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.entityId, row!.id), eq(auditEntries.action, 'feedback.receive')));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.communeCode).toBe(J);
      expect(audit[0]!.actorName).toBe('motcua.tranphu');
    });

    it('answers in XML: <service_requests><request> with the three fields', async () => {
      const res = await post('xml', valid({ address_string: 'Tổ dân phố 5, phường Trần Phú' }));
      expect(res.statusCode, res.body).toBe(201);
      const [r] = xmlRequests(res);
      expect(Object.keys(r!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
      expect(r!.service_request_id).toMatch(CODE);
      expect(r!.account_id).toBe('');
    });

    it('accepts a JSON body and an address_string without a point', async () => {
      const {
        lat: _l,
        long: _g,
        ...rest
      } = valid({ address_string: 'Số 12 đường Hà Huy Tập, phường Trần Phú' });
      const res = await app.inject({
        method: 'POST',
        url: `${BASE}/requests.json`,
        headers: { 'x-forwarded-for': nextClient() },
        payload: rest,
      });
      expect(res.statusCode, res.body).toBe(201);
      const code = json<{ service_request_id: string }[]>(res)[0]!.service_request_id;
      const [row] = await t.database.db.select().from(feedbackReports).where(eq(feedbackReports.code, code));
      expect(row!.placeText).toBe('Số 12 đường Hà Huy Tập, phường Trần Phú');
      expect(row!.latitude).toBeNull();
    });

    it('gives an anonymous reporter the PIN in the service_notice, a known one none; both follow it by code', async () => {
      const anonymous = await created();
      const pin = /\b(\d{6})\b/.exec(anonymous.service_notice ?? '')?.[1];
      expect(pin).toBeDefined();
      const known = await created({ email: 'nguoidan@example.com' });
      expect(known.service_notice).not.toMatch(/\b\d{6}\b/);
      // The service_request_id is the tracking code of the public tracking page.
      for (const [code, contact] of [
        [anonymous.service_request_id, pin!],
        [known.service_request_id, 'nguoidan@example.com'],
      ] as const) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/public/feedback/track',
          headers: { 'x-forwarded-for': nextClient() },
          payload: { code, contact },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(json<{ code: string; state: string }>(res)).toMatchObject({ code, state: 'received' });
      }
    });

    it('names every missing required argument at once (400), in JSON and XML', async () => {
      for (const fmt of ['json', 'xml'] as const) {
        const errs = expectError(
          await post(fmt, { api_key: key, jurisdiction_id: J }),
          400,
          'service_code',
          'address_string',
          'description',
        );
        expect(errs.length).toBe(3);
        for (const e of errs) expect(e.code).toBe(400);
      }
    });

    it('refuses each required argument missing or wrong with the specification status', async () => {
      const without = (field: string) => {
        const v: Record<string, string> = valid();
        delete v[field];
        return v;
      };
      expectError(await post('json', without('jurisdiction_id')), 400, 'jurisdiction_id');
      expectError(await post('xml', without('service_code')), 400, 'service_code');
      expectError(await post('json', without('description')), 400, 'description');
      expectError(await post('json', without('long')), 400, 'long');
      const noPlace = valid();
      delete (noPlace as Record<string, string>).lat;
      delete (noPlace as Record<string, string>).long;
      expectError(await post('json', noPlace), 400, 'address_string');
      expectError(await post('json', { ...noPlace, address_id: '545483' }), 400, 'address_id');
      expectError(await post('json', valid({ jurisdiction_id: '99999' })), 404, 'jurisdiction_id');
      expectError(await post('xml', valid({ service_code: 'potholes' })), 404, 'service_code');
    });

    it('refuses a missing, invalid, revoked or foreign api_key with 403', async () => {
      const noKey = valid();
      delete (noKey as Record<string, string>).api_key;
      expectError(await post('json', noKey), 403, 'api_key');
      expectError(await post('xml', valid({ api_key: 'xyz' })), 403, 'api_key');
      expectError(await post('json', valid({ api_key: revokedKey })), 403, 'api_key');
      // A token of Sông Trí cannot file in Trần Phú, nor a token without feedback.receive.
      expectError(await post('json', valid({ api_key: otherKey })), 403, J);
      expectError(await post('xml', valid({ api_key: readOnlyKey })), 403, J);
      // …while Sông Trí's token files in Sông Trí.
      const res = await post('json', valid({ api_key: otherKey, jurisdiction_id: OTHER }));
      expect(res.statusCode, res.body).toBe(201);
      expect(json<{ service_request_id: string }[]>(res)[0]!.service_request_id).toMatch(/^PA-18754-/);
      // The key is not accepted as a bearer token on /open311 either (only api_key counts).
      const bearer = valid();
      delete (bearer as Record<string, string>).api_key;
      expectError(await post('json', bearer, { authorization: `Bearer ${key}` }), 403, 'api_key');
    });

    it('refuses bad input with 400 naming the field', async () => {
      const bad: [Record<string, string>, string][] = [
        [{ description: 'a\u0000b' }, 'description'],
        [{ description: 'x'.repeat(20_000) }, 'description'],
        [{ description: '<script>alert(1)</script>' }, 'description'],
        [{ lat: '48.85', long: '2.35' }, 'lat'],
        [{ lat: 'abc' }, 'lat'],
        [{ email: 'not-an-email' }, 'email'],
        [{ phone: '12' }, 'phone'],
        [{ first_name: 'x'.repeat(500) }, 'first_name'],
        [{ media_url: 'javascript:alert(1)' }, 'media_url'],
        [{ address_string: '<img src=x onerror=alert(1)>' }, 'address_string'],
      ];
      for (const [extra, field] of bad) expectError(await post('json', valid(extra)), 400, field);
      // Not a form: an array, a wrong content type, an oversized body — 400 in the specification's format.
      const arr = await app.inject({
        method: 'POST',
        url: `${BASE}/requests.json`,
        headers: { 'x-forwarded-for': nextClient() },
        payload: [valid()],
      });
      expectError(arr, 400);
      const plain = await app.inject({
        method: 'POST',
        url: `${BASE}/requests.xml`,
        headers: { 'content-type': 'text/plain', 'x-forwarded-for': nextClient() },
        payload: 'hello',
      });
      expectError(plain, 400);
      const huge = await post('xml', valid({ description: 'đ'.repeat(40_000) }));
      expectError(huge, 400);
      const count = await t.database.db
        .select({ n: sql<number>`count(*)` })
        .from(feedbackReports)
        .where(sql`${feedbackReports.content} like '%<script>%'`);
      expect(Number(count[0]!.n)).toBe(0);
    });
  });

  describe('GET requests', () => {
    it('lists the jurisdiction’s requests with the specification fields in JSON and XML', async () => {
      const mine = await created({ media_url: 'https://anh.example.vn/den-duong.jpg' });
      const unpublished = await created();
      await publish(mine.service_request_id, 'Đã thay bóng đèn ngày 02/12.');
      const res = await get(`/requests.json?jurisdiction_id=${J}`);
      expect(res.statusCode).toBe(200);
      const list = json<Req311[]>(res);
      const r = list.find((x) => x.service_request_id === mine.service_request_id)!;
      expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
      expect(r).toMatchObject({
        status: 'closed',
        status_notes: 'Đã thay bóng đèn ngày 02/12.',
        service_code: 'infrastructure',
        lat: 18.3433,
        long: 105.9057,
      });
      expect(r.media_url).toBe('https://anh.example.vn/den-duong.jpg');
      expect(r.description).toContain('Đèn đường');
      // Not yet published: listed (open, with its deadlines) but without its content, as on the public pages.
      const u = list.find((x) => x.service_request_id === unpublished.service_request_id)!;
      expect(u).toMatchObject({ status: 'open', description: null, address: null, lat: null, long: null });
      expect(u.service_notice).toEqual(expect.any(String));
      expect(r.description).not.toContain('media_url');
      expect(r.requested_datetime).toMatch(W3);
      expect(r.updated_datetime).toMatch(W3);
      expect(list.every((x) => String(x.service_request_id).startsWith('PA-18100-'))).toBe(true);

      const x = xmlRequests(await get(`/requests.xml?jurisdiction_id=${J}`));
      const xr = x.find((q) => q.service_request_id === mine.service_request_id)!;
      expect(Object.keys(xr).sort()).toEqual([...REQUEST_FIELDS].sort());
      expect(xr.status).toBe('closed');
      expect(xr.lat).toBe('18.3433');
      expect(x.map((q) => q.service_request_id)).toEqual(list.map((q) => q.service_request_id));
    });

    it('filters by service_request_id (overriding the rest), service_code, status and dates', async () => {
      const a = await created({ service_code: 'environment' });
      const b = await created({ service_code: 'land' });
      const ids = `${a.service_request_id},${b.service_request_id.toLowerCase()}`;
      const byId = json<Req311[]>(
        await get(`/requests.json?jurisdiction_id=${J}&service_request_id=${ids}&status=closed`),
      );
      expect(byId.map((r) => r.service_request_id).sort()).toEqual(
        [a.service_request_id, b.service_request_id].sort(),
      );
      const env = json<Req311[]>(await get(`/requests.json?jurisdiction_id=${J}&service_code=environment`));
      expect(env.length).toBeGreaterThan(0);
      expect(env.every((r) => r.service_code === 'environment')).toBe(true);
      const two = json<Req311[]>(
        await get(`/requests.json?jurisdiction_id=${J}&service_code=environment,land`),
      );
      expect(new Set(two.map((r) => r.service_code))).toEqual(new Set(['environment', 'land']));

      // Close b with a published answer: closed, with the answer as its status_notes.
      const now = new Date();
      await t.database.db
        .update(feedbackReports)
        .set({
          state: 'closed',
          answerText: 'Đã sửa.',
          answerPublicText: 'UBND phường đã cho sửa đèn ngày 02/12.',
          answeredAt: now,
          publishedAt: now,
          closedAt: now,
        })
        .where(eq(feedbackReports.code, b.service_request_id));
      const closed = json<Req311[]>(await get(`/requests.json?jurisdiction_id=${J}&status=closed`));
      expect(closed.map((r) => r.service_request_id)).toContain(b.service_request_id);
      expect(closed.every((r) => r.status === 'closed')).toBe(true);
      expect(closed.find((r) => r.service_request_id === b.service_request_id)!.status_notes).toBe(
        'UBND phường đã cho sửa đèn ngày 02/12.',
      );
      const open = json<Req311[]>(await get(`/requests.json?jurisdiction_id=${J}&status=open`));
      expect(open.map((r) => r.service_request_id)).toContain(a.service_request_id);
      expect(open.map((r) => r.service_request_id)).not.toContain(b.service_request_id);
      const both = json<Req311[]>(await get(`/requests.json?jurisdiction_id=${J}&status=open,closed`));
      expect(both.length).toBe(open.length + closed.length);

      // Dates: a past range holds none of today's; one around now holds them.
      const past = json<Req311[]>(
        await get(
          `/requests.json?jurisdiction_id=${J}&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`,
        ),
      );
      expect(past).toEqual([]);
      expect(
        xmlRequests(
          await get(
            `/requests.xml?jurisdiction_id=${J}&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`,
          ),
        ),
      ).toEqual([]);
      const start = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const around = json<Req311[]>(
        await get(`/requests.json?jurisdiction_id=${J}&start_date=${encodeURIComponent(start)}`),
      );
      expect(around.map((r) => r.service_request_id)).toContain(a.service_request_id);
    });

    it('refuses bad filters with 400 naming them', async () => {
      expectError(await get('/requests.json'), 400, 'jurisdiction_id');
      expectError(await get('/requests.xml?jurisdiction_id=99999'), 404, 'jurisdiction_id');
      expectError(await get(`/requests.json?jurisdiction_id=${J}&status=pending`), 400, 'status');
      expectError(await get(`/requests.xml?jurisdiction_id=${J}&start_date=yesterday`), 400, 'start_date');
      // A date-time without a timezone is not w3 as the specification requires.
      expectError(
        await get(`/requests.json?jurisdiction_id=${J}&end_date=2026-01-01T00:00:00`),
        400,
        'end_date',
      );
      expectError(
        await get(
          `/requests.json?jurisdiction_id=${J}&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`,
        ),
        400,
        '90',
      );
      expectError(
        await get(
          `/requests.json?jurisdiction_id=${J}&start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z`,
        ),
        400,
        'end_date',
      );
    });

    it('never shows the reporter’s name, phone or e-mail; private and denunciation reports show no content', async () => {
      const personal = await created({
        first_name: 'Bình',
        last_name: 'Nguyễn Văn',
        phone: '0912 345 678',
        email: 'binh.nguyen@example.com',
        description: 'Cống bị tắc. Tôi là Nguyễn Văn Bình, gọi 0912345678 hoặc binh.nguyen@example.com.',
        address_string: 'Nhà ông Nguyễn Văn Bình, tổ 5',
      });
      await publish(personal.service_request_id);
      const denunciation = await created({
        service_code: 'denunciation',
        description: 'Tố cáo cán bộ địa chính nhận tiền khi làm sổ đỏ.',
      });
      for (const path of [
        `/requests.json?jurisdiction_id=${J}`,
        `/requests.xml?jurisdiction_id=${J}`,
        `/requests/${personal.service_request_id}.json?jurisdiction_id=${J}`,
        `/requests/${personal.service_request_id}.xml?jurisdiction_id=${J}`,
      ]) {
        const res = await get(path);
        expect(res.statusCode).toBe(200);
        for (const secret of ['Văn Bình', '0912345678', '0912 345 678', 'binh.nguyen@example.com', '345678'])
          expect(res.body).not.toContain(secret);
        expect(res.body).not.toContain('cán bộ địa chính nhận tiền');
      }
      const one = json<Req311[]>(
        await get(`/requests/${personal.service_request_id}.json?jurisdiction_id=${J}`),
      )[0]!;
      expect(one.description).toContain('Cống bị tắc');
      const den = json<Req311[]>(
        await get(`/requests/${denunciation.service_request_id}.json?jurisdiction_id=${J}`),
      )[0]!;
      expect(den).toMatchObject({
        status: 'open',
        service_code: 'denunciation',
        description: null,
        lat: null,
      });
    });

    it('returns at most 1000 requests, newest first', async () => {
      const [cat] = await t.database.db
        .select({ id: feedbackCategories.id })
        .from(feedbackCategories)
        .where(and(eq(feedbackCategories.provinceCode, '42'), eq(feedbackCategories.key, 'other')));
      await t.database.db.execute(sql`
        insert into feedback_reports (id, code, commune_code, province_code, category_id, channel, title, content,
          search_text, state, received_at, transfer_due_date)
        select gen_random_uuid(), 'PA-18100-200101-' || lpad(n::text, 4, '0'), ${J}, '42', ${cat!.id}::uuid, 'web',
          'Bulk ' || n, 'Bulk ' || n, 'bulk ' || n, 'received', now() - make_interval(days => 1, secs => n),
          current_date
        from generate_series(1, 1005) as n`);
      const list = json<Req311[]>(await get(`/requests.json?jurisdiction_id=${J}`));
      expect(list).toHaveLength(1000);
      const times = list.map((r) => Date.parse(String(r.requested_datetime)));
      expect([...times].sort((x, y) => y - x)).toEqual(times);
      expect(xmlRequests(await get(`/requests.xml?jurisdiction_id=${J}`))).toHaveLength(1000);
    });
  });

  describe('GET request', () => {
    it('gives one request in a list of one, JSON and XML; 404 when unknown or of another jurisdiction', async () => {
      const mine = await created();
      const res = await get(`/requests/${mine.service_request_id}.json?jurisdiction_id=${J}`);
      expect(res.statusCode).toBe(200);
      const list = json<Req311[]>(res);
      expect(list).toHaveLength(1);
      expect(Object.keys(list[0]!).sort()).toEqual([...REQUEST_FIELDS].sort());
      expect(list[0]).toMatchObject({ service_request_id: mine.service_request_id, status: 'open' });
      const x = xmlRequests(
        await get(`/requests/${mine.service_request_id.toLowerCase()}.xml?jurisdiction_id=${J}`),
      );
      expect(x.map((r) => r.service_request_id)).toEqual([mine.service_request_id]);

      expectError(
        await get(`/requests/${mine.service_request_id}.json?jurisdiction_id=${OTHER}`),
        404,
        'service_request_id',
      );
      expectError(
        await get(`/requests/PA-18100-000000-0000.xml?jurisdiction_id=${J}`),
        404,
        'service_request_id',
      );
      expectError(await get(`/requests/${mine.service_request_id}.json`), 400, 'jurisdiction_id');
      expectError(await get(`/requests/${mine.service_request_id}.html?jurisdiction_id=${J}`), 404);
      // Forwarded to Sông Trí: found in both jurisdictions by its code, listed only by the one handling it now.
      await t.database.db
        .update(feedbackReports)
        .set({ communeCode: OTHER, forwardedFrom: J })
        .where(eq(feedbackReports.code, mine.service_request_id));
      for (const j of [J, OTHER]) {
        const found = json<Req311[]>(
          await get(`/requests/${mine.service_request_id}.json?jurisdiction_id=${j}`),
        );
        expect(found.map((r) => r.service_request_id)).toEqual([mine.service_request_id]);
      }
      const listed = (j: string) =>
        get(`/requests.json?jurisdiction_id=${j}`).then((res) =>
          json<Req311[]>(res).map((r) => r.service_request_id),
        );
      expect(await listed(OTHER)).toContain(mine.service_request_id);
      expect(await listed(J)).not.toContain(mine.service_request_id);
    });
  });

  it('answers an unknown resource with a 404 in the specification format', async () => {
    expectError(await get('/tokens/123.xml'), 404);
    expectError(await get('/services.csv'), 404);
  });

  it('is listed in the OpenAPI document with its arguments', async () => {
    const doc = json<{
      paths: Record<string, Record<string, { tags: string[]; parameters?: { name: string }[] }>>;
    }>(await app.inject({ url: '/api/openapi.json' }));
    expect(doc.paths[`${BASE}/requests.xml`]?.post?.tags).toEqual(['open311']);
    const names = doc.paths[`${BASE}/requests.json`]?.get?.parameters?.map((p) => p.name) ?? [];
    expect(names).toEqual(
      expect.arrayContaining([
        'jurisdiction_id',
        'service_request_id',
        'service_code',
        'start_date',
        'end_date',
        'status',
      ]),
    );
  });

  it('publishes the Service Discovery document in JSON and XML', async () => {
    expect((await get(`/services.json?jurisdiction_id=${J}`)).statusCode).toBe(200); // the province's categories exist
    const res = await get('/discovery.json');
    expect(res.statusCode).toBe(200);
    const d = json<{
      changeset: string;
      contact: string;
      key_service: string;
      endpoints: { specification: string; url: string; changeset: string; type: string; formats: string[] }[];
    }>(res);
    expect(Object.keys(d).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(d.endpoints).toHaveLength(1);
    expect(d.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });
    expect(d.endpoints[0]!.url.endsWith(BASE)).toBe(true);
    expect(d.changeset).toMatch(W3);
    expect(d.endpoints[0]!.changeset).toBe(d.changeset);
    // The changeset is the last change of any service (category): clients refresh their cached lists by it.
    await t.database.db
      .update(feedbackCategories)
      .set({ updatedAt: new Date('2030-01-01T00:00:00Z') })
      .where(and(eq(feedbackCategories.provinceCode, '42'), eq(feedbackCategories.key, 'other')));
    expect(json<{ changeset: string }>(await get('/discovery.json')).changeset).toBe(
      '2030-01-01T07:00:00+07:00',
    );
    const xr = await get('/discovery.xml');
    const doc = new XMLParser({
      parseTagValue: false,
      isArray: (n) => ['endpoint', 'format'].includes(n),
    }).parse(xr.body) as {
      discovery: { endpoints: { endpoint: { formats: { format: string[] }; url: string }[] } };
    };
    expect(doc.discovery.endpoints.endpoint[0]!.formats.format).toEqual(['text/xml', 'application/json']);
    expect(doc.discovery.endpoints.endpoint[0]!.url).toBe(d.endpoints[0]!.url);
  });

  it('is rate-limited per client address like the public endpoints', async () => {
    const from = { 'x-forwarded-for': '192.0.2.77' };
    let limited: LightMyRequestResponse | null = null;
    for (let i = 0; i < 200 && !limited; i++) {
      const res = await app.inject({
        method: 'GET',
        url: `${BASE}/services.json?jurisdiction_id=${J}`,
        headers: from,
      });
      if (res.statusCode === 429) limited = res;
    }
    expect(limited?.statusCode).toBe(429);
    // In the specification's error format (an Open311 client parses no other), with when to try again.
    expect(limited!.headers['content-type']).toContain('application/json');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited!.json()).toEqual([{ code: 429, description: expect.stringMatching(/\S/) }]);
  });
});
