/**
 * The pure Open311 rules: XãSố states → open/closed, w3 date-times (a timezone is required), the GET requests
 * arguments (90-day default window and maximum span, comma lists, status values), the POST arguments (required
 * ones collected at once), the public request (no personal data; confidential kinds and private reports without
 * content), the media_url line, the XML shapes.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FEEDBACK_STATES, type FeedbackCategory, type FeedbackState } from '../../../../common/api/feedback';
import { xmlList, xmlObject } from './format';
import { parsePostRequest, parseRequestsQuery, phoneDigits } from './input';
import {
  contentWithMedia,
  open311Request,
  open311Status,
  parseW3DateTime,
  type RequestSource,
  splitMedia,
  statesOf,
  w3DateTime,
} from './mapping';
import { titleOf311 } from './routes';

const category: FeedbackCategory = {
  id: '0190f000-0000-7000-8000-000000000001',
  provinceCode: '42',
  key: 'infrastructure',
  nameVi: 'Hạ tầng',
  nameEn: 'Infrastructure',
  descriptionVi: null,
  descriptionEn: null,
  kind: 'feedback',
  responsibleBody: 'UBND xã',
  assignmentField: null,
  daysKind: 'working',
  transferDays: 5,
  answerDays: 10,
  approvalRequired: false,
  active: true,
  sortOrder: 10,
  version: 1,
};

const source = (over: Partial<RequestSource> = {}): RequestSource => ({
  code: 'PA-18100-261203-0001',
  state: 'received',
  content: 'Đèn đường hỏng. Liên hệ Trần Thị Hoa 0987 654 321, hoa.tran@example.com',
  placeText: 'Tổ 5',
  placeResolved: null,
  latitude: 18.34,
  longitude: 105.9,
  reporterName: 'Trần Thị Hoa',
  reporterPhone: '0987654321',
  reporterEmail: 'hoa.tran@example.com',
  isPrivate: false,
  assignedBody: null,
  receivedAt: new Date('2026-12-03T01:02:03Z'),
  updatedAt: new Date('2026-12-04T01:02:03Z'),
  answeredAt: null,
  closedAt: null,
  answerDueDate: null,
  answerPublicText: null,
  publishedAt: new Date('2026-12-05T00:00:00Z'),
  rejectReason: null,
  mergedIntoCode: null,
  category,
  photoUrl: null,
  ...over,
});

describe('status', () => {
  it.each<[FeedbackState, 'open' | 'closed']>([
    ['received', 'open'],
    ['accepted', 'open'],
    ['assigned', 'open'],
    ['answer_pending', 'open'],
    ['reopened', 'open'],
    ['split', 'open'],
    ['escalated', 'open'],
    ['answered', 'closed'],
    ['closed', 'closed'],
    ['rejected', 'closed'],
    ['merged', 'closed'],
  ])('%s → %s', (state, status) => {
    expect(open311Status(state)).toBe(status);
  });

  it('splits every state into exactly one status', () => {
    expect([...statesOf('open'), ...statesOf('closed')].sort()).toEqual([...FEEDBACK_STATES].sort());
  });
});

describe('w3 date-times', () => {
  it.each<[string, string | null]>([
    ['2010-01-01T00:00:00Z', '2010-01-01T00:00:00.000Z'],
    ['1994-11-05T08:15:30-05:00', '1994-11-05T13:15:30.000Z'],
    ['2026-12-03T07:00+07:00', '2026-12-03T00:00:00.000Z'],
    ['2026-12-03', '2026-12-02T17:00:00.000Z'], // a bare date: that day in Vietnam
    ['2026-12-03T07:00:00', null], // no timezone
    ['2026-02-31T00:00:00Z', null],
    ['yesterday', null],
    ['', null],
  ])('%s', (text, iso) => {
    expect(parseW3DateTime(text)?.toISOString() ?? null).toBe(iso);
  });

  it('writes Vietnam time with its offset', () => {
    expect(w3DateTime(new Date('2026-12-03T20:30:00Z'))).toBe('2026-12-04T03:30:00+07:00');
  });
});

describe('GET requests arguments', () => {
  const now = new Date('2026-12-03T00:00:00Z');
  const day = 86_400_000;

  it('defaults to the most recent 90 days, and 90 days from a lone start or before a lone end', () => {
    const none = parseRequestsQuery({}, 'en', now);
    expect(none.ok && [none.value.start.getTime(), none.value.end.getTime()]).toEqual([
      now.getTime() - 90 * day,
      now.getTime(),
    ]);
    const start = parseRequestsQuery({ start_date: '2026-01-01T00:00:00Z' }, 'en', now);
    expect(start.ok && start.value.end.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    const end = parseRequestsQuery({ end_date: '2026-04-01T00:00:00Z' }, 'en', now);
    expect(end.ok && end.value.start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads comma lists, repeated arguments and treats empty ones as absent', () => {
    const q = parseRequestsQuery(
      {
        service_request_id: 'pa-1, PA-2,,',
        service_code: ['land,other', 'land'],
        status: 'open,closed',
        start_date: '',
      },
      'en',
      now,
    );
    expect(q.ok).toBe(true);
    if (!q.ok) return;
    expect(q.value.ids).toEqual(['PA-1', 'PA-2']);
    expect(q.value.serviceCodes).toEqual(['land', 'other']);
    expect(q.value.statuses).toEqual(['open', 'closed']);
    expect(q.value.limit).toBe(1000);
  });

  it.each<[Record<string, string>, string]>([
    [{ status: 'pending' }, 'status'],
    [{ start_date: 'x' }, 'start_date'],
    [{ end_date: '2026-01-01T00:00:00' }, 'end_date'],
    [{ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-02T00:00:01Z' }, '90'],
    [{ start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }, 'end_date'],
  ])('refuses %j naming %s', (args, mention) => {
    const q = parseRequestsQuery(args, 'en', now);
    expect(q.ok).toBe(false);
    if (!q.ok) expect(q.errors.join(' ')).toContain(mention);
  });

  it('accepts a range of exactly 90 days', () => {
    expect(
      parseRequestsQuery({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:00Z' }, 'en', now)
        .ok,
    ).toBe(true);
  });
});

describe('POST request arguments', () => {
  const base = { service_code: 'land', lat: '18.34', long: '105.9', description: 'Lấn chiếm đất công.' };

  it('collects every missing required argument', () => {
    const r = parsePostRequest({}, 'en');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(3);
      expect(r.errors.join(' ')).toMatch(/service_code.*address_string.*description/s);
    }
  });

  it.each<[Record<string, string>, string]>([
    [{ lat: '' }, 'lat, long'],
    [{ lat: '1e3' }, 'lat, long'],
    [{ lat: '-18.34' }, 'outside Vietnam'],
    [{ description: 'x'.repeat(4001) }, 'description'],
    [{ description: 'a <b>bold</b> claim' }, 'description'],
    [{ email: 'a@b' }, 'email'],
    [{ phone: '+1 555 0100' }, 'phone'],
    [{ media_url: 'ftp://x.example/a.jpg' }, 'media_url'],
    [{ media_url: 'https://x.example/a b.jpg' }, 'media_url'],
  ])('refuses %j', (extra, mention) => {
    const r = parsePostRequest({ ...base, ...extra }, 'en');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toContain(mention);
  });

  it('accepts an address instead of a point, 4,000 characters, and normalises the contacts', () => {
    const r = parsePostRequest(
      {
        service_code: 'land',
        address_string: 'Tổ 5',
        description: 'x'.repeat(4000),
        phone: '+84 912.345.678',
        email: 'A@Example.COM',
      },
      'en',
    );
    expect(r.ok && r.value).toMatchObject({
      lat: null,
      long: null,
      phone: '0912345678',
      email: 'a@example.com',
    });
  });

  it.each<[string, string | null]>([
    ['0912345678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['84 912 345 678', '0912345678'],
    ['(0239) 3855 123', '02393855123'],
    ['12345', null],
  ])('phone %s → %s', (text, digits) => {
    expect(phoneDigits(text)).toBe(digits);
  });
});

describe('the public request', () => {
  it('never carries the reporter’s name, phone or e-mail', () => {
    const r = open311Request(source(), 'vi');
    const text = JSON.stringify(r);
    for (const secret of ['Trần Thị Hoa', '0987 654 321', '0987654321', 'hoa.tran@example.com'])
      expect(text).not.toContain(secret);
    expect(r.description).toContain('Đèn đường hỏng');
  });

  it('shows the published answer of a closed report and the due date as expected_datetime', () => {
    const r = open311Request(
      source({
        state: 'closed',
        answerPublicText: 'Đã thay bóng đèn.',
        publishedAt: new Date('2026-12-05T00:00:00Z'),
        closedAt: new Date('2026-12-06T00:00:00Z'),
        answerDueDate: '2026-12-17',
      }),
      'vi',
    );
    expect(r).toMatchObject({
      status: 'closed',
      status_notes: 'Đã thay bóng đèn.',
      updated_datetime: '2026-12-06T07:00:00+07:00',
      expected_datetime: '2026-12-17T23:59:59+07:00',
    });
    // Not yet published: no answer text.
    expect(
      open311Request(source({ state: 'answered', answerPublicText: 'x', publishedAt: null }), 'en')
        .status_notes,
    ).toBe('Answered to the reporter.');
  });

  it('names the report a duplicate was merged into', () => {
    expect(
      open311Request(source({ state: 'merged', mergedIntoCode: 'PA-18100-261201-0003' }), 'en'),
    ).toMatchObject({
      status: 'closed',
      status_notes: 'Duplicate of PA-18100-261201-0003.',
    });
  });

  it.each<[string, Partial<RequestSource>]>([
    ['unpublished', { publishedAt: null }],
    ['private', { isPrivate: true }],
    ['denunciation', { category: { ...category, kind: 'denunciation' } }],
    ['complaint', { category: { ...category, kind: 'complaint' } }],
  ])('a %s report shows no content, place or answer, but its status and deadlines', (_, over) => {
    const r = open311Request(source({ state: 'closed', answerPublicText: 'Kết luận', ...over }), 'vi');
    expect(r).toMatchObject({ description: null, address: null, lat: null, long: null, media_url: null });
    expect(r.status_notes).not.toContain('Kết luận');
    expect(r).toMatchObject({
      service_request_id: 'PA-18100-261203-0001',
      status: 'closed',
      service_code: 'infrastructure',
    });
    expect(r.service_notice).toContain('10 ngày làm việc');
  });

  it('keeps a posted media_url out of the description and gives it as media_url', () => {
    const content = contentWithMedia('Ổ gà lớn.', 'https://anh.example.vn/o-ga.jpg');
    expect(splitMedia(content)).toEqual({ text: 'Ổ gà lớn.', mediaUrl: 'https://anh.example.vn/o-ga.jpg' });
    const r = open311Request(source({ content }), 'vi');
    expect(r).toMatchObject({ description: 'Ổ gà lớn.', media_url: 'https://anh.example.vn/o-ga.jpg' });
    // A published photo wins over the posted link.
    expect(open311Request(source({ content, photoUrl: 'https://x/p.jpg' }), 'vi').media_url).toBe(
      'https://x/p.jpg',
    );
  });
});

describe('titles and XML', () => {
  it('titles a request by its first line, shortened at a word', () => {
    expect(titleOf311('\n  Ổ gà trên đường.\nChi tiết…')).toBe('Ổ gà trên đường.');
    const long = titleOf311(`${'từ '.repeat(60)}cuối`);
    expect(long.length).toBeLessThanOrEqual(121);
    expect(long.endsWith('…')).toBe(true);
  });

  it('writes lists, empty lists, nulls and escaped text as the specification shows them', () => {
    const parser = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'request' });
    expect(xmlList('service_requests', 'request', [])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests></service_requests>\n',
    );
    const doc = parser.parse(
      xmlList('service_requests', 'request', [
        { service_request_id: 'PA-1', account_id: null, note: '<b>&</b>' },
      ]),
    );
    expect(doc.service_requests.request).toEqual([
      { service_request_id: 'PA-1', account_id: '', note: '<b>&</b>' },
    ]);
    expect(xmlObject('service_definition', { service_code: 'land', attributes: [] })).toContain(
      '<attributes></attributes>',
    );
  });
});
