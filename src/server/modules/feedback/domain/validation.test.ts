import { describe, expect, it } from 'vitest';
import {
  checkCoordinates,
  checkEmail,
  checkNoHtml,
  checkPhone,
  containsHtml,
  isEmail,
  isInsideVietnam,
  normalizeEmail,
  normalizeVnPhone,
  parseTrackingContact,
} from './validation';

describe('coordinates', () => {
  it.each([
    [21.0285, 105.8542, null, 'Hà Nội'],
    [10.7725, 106.698, null, 'Hồ Chí Minh City'],
    [8.6, 104.7, null, 'Cà Mau cape'],
    [23.36, 105.32, null, 'Lũng Cú'],
    [16.5, 109.9, null, 'offshore, inside the box'],
    [null, null, null, 'no point'],
    [undefined, undefined, null, 'no point (absent)'],
    [21.0285, null, 'body.longitude', 'latitude without longitude'],
    [undefined, 105.85, 'body.latitude', 'longitude without latitude'],
    [48.8566, 2.3522, 'body.latitude', 'Paris'],
    [13.7563, 100.5018, 'body.longitude', 'Bangkok'],
    [-21.0285, 105.8542, 'body.latitude', 'sign flipped'],
    [105.8542, 21.0285, 'body.latitude', 'latitude and longitude swapped'],
    [0, 0, 'body.latitude', 'null island'],
    [Number.NaN, 105, 'body.latitude', 'NaN'],
    [21, Number.POSITIVE_INFINITY, 'body.longitude', 'infinity'],
    [24.0001, 105, 'body.latitude', 'just north of the box'],
    [21, 110.0001, 'body.longitude', 'just east of the box'],
    [24, 110, null, 'on the corner of the box'],
  ] as [number | null | undefined, number | null | undefined, string | null, string][])(
    '%s, %s → %s (%s)',
    (lat, lng, field) => {
      expect(checkCoordinates(lat, lng)?.field ?? null).toBe(field);
    },
  );

  it('names the fields under the given prefix, in both languages', () => {
    const p = checkCoordinates(48.85, 2.35, 'body.place');
    expect(p).toEqual({
      field: 'body.place.latitude',
      vi: 'Vị trí nằm ngoài lãnh thổ Việt Nam.',
      en: 'The place is outside Vietnam.',
    });
  });

  it('refuses values that are not numbers', () => {
    expect(checkCoordinates('21' as unknown as number, 105)?.field).toBe('body.latitude');
    expect(isInsideVietnam(21, 105)).toBe(true);
    expect(isInsideVietnam(21, Number.NaN)).toBe(false);
  });
});

describe('HTML in text', () => {
  it.each([
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//x.y/z.js>',
    '<script',
    'xin chào <scRipt>',
    '< script>alert(1)',
    '<img src=x onerror=alert(1)>',
    '<img src=x onerror=alert(1)',
    '<svg/onload=alert(1)>',
    '<iframe src="javascript:alert(1)">',
    '<a href="http://evil">bấm vào</a>',
    '<b>đậm</b>',
    '</p>',
    '<br/>',
    '<div class="x">',
    '<!-- chú thích -->',
    '<!DOCTYPE html>',
    '<?xml version="1.0"?>',
    '<style>body{}</style>',
    '<math><mi>x</mi></math>',
    'văn bản <custom-element>',
  ])('refuses %j', (text) => {
    expect(containsHtml(text)).toBe(true);
    expect(checkNoHtml('body.content', text)).toMatchObject({ field: 'body.content' });
  });

  it.each([
    'Đèn đường hỏng',
    'a < b và c > d',
    'x<5 và y>2',
    'Yêu xã mình <3',
    'Giá từ 5<10 triệu',
    '=> xem ảnh',
    '<<< khẩn >>>',
    'Địa chỉ: số 3 < ngõ 5',
    'email <lan@example.com> của tôi',
    'mũi tên <- và ->',
    'scripting language',
    '',
  ])('accepts %j', (text) => {
    expect(containsHtml(text)).toBe(false);
    expect(checkNoHtml('body.content', text)).toBeNull();
  });

  it('accepts a missing text', () => {
    expect(checkNoHtml('body.title', null)).toBeNull();
    expect(checkNoHtml('body.title', undefined)).toBeNull();
  });
});

describe('phones', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    [' 0383123456 ', '0383123456'],
    ['+84 912 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['(+84) 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0084 912 345 678', '0912345678'],
    ['0567890123', '0567890123'],
    ['0789012345', '0789012345'],
    ['0868123456', '0868123456'],
    ['024 3825 1234', '02438251234'],
    ['(024) 3825 1234', '02438251234'],
    ['+84 24 3825 1234', '02438251234'],
    ['0236.3822.123', '02363822123'],
    ['091234567', null],
    ['09123456789', null],
    ['0112345678', null],
    ['0412345678', null],
    ['0612345678', null],
    ['1900 1234', null],
    ['113', null],
    ['+1 202 555 0143', null],
    ['0912a345678', null],
    ['0912345678; DROP', null],
    ['', null],
    ['0'.repeat(40), null],
  ])('%j → %s', (typed, national) => {
    expect(normalizeVnPhone(typed)).toBe(national);
    expect(checkPhone('body.reporterPhone', typed)?.field ?? null).toBe(
      national === null && typed !== '' ? 'body.reporterPhone' : null,
    );
  });

  it('accepts a missing phone', () => {
    expect(checkPhone('body.reporterPhone', null)).toBeNull();
    expect(checkPhone('body.reporterPhone', '   ')).toBeNull();
  });
});

describe('e-mails', () => {
  it.each([
    ['lan@example.com', true],
    ['Nguyen.Van.An+pa@xa.gov.vn', true],
    ['a_b-c@sub-domain.example.org', true],
    [' lan@example.com ', true],
    ['lan@example', false],
    ['lan@@example.com', false],
    ['lan example@x.com', false],
    ['@example.com', false],
    ['lan@', false],
    ['lan@.example.com', false],
    ['lan@example..com', false],
    ['lan@-example.com', false],
    ['<lan@example.com>', false],
    ['lan@example.c', false],
    [`${'a'.repeat(65)}@example.com`, false],
    [`a@${'b'.repeat(250)}.com`, false],
    ['', false],
  ])('%j → %s', (typed, ok) => {
    expect(isEmail(typed)).toBe(ok);
    expect(checkEmail('body.reporterEmail', typed)?.field ?? null).toBe(
      ok || typed === '' ? null : 'body.reporterEmail',
    );
  });

  it('normalises to lower case', () => {
    expect(normalizeEmail(' Lan.Nguyen@Example.ORG ')).toBe('lan.nguyen@example.org');
    expect(normalizeEmail('not an e-mail')).toBeNull();
  });
});

describe('tracking contact', () => {
  it.each([
    ['123456', { kind: 'pin', value: '123456' }],
    [' 004321 ', { kind: 'pin', value: '004321' }],
    ['0912 345 678', { kind: 'phone', value: '0912345678' }],
    ['+84912345678', { kind: 'phone', value: '0912345678' }],
    ['Lan@Example.com', { kind: 'email', value: 'lan@example.com' }],
    ['12345', null],
    ['1234567', null],
    ['abc', null],
    ['', null],
  ])('%j → %o', (typed, contact) => {
    expect(parseTrackingContact(typed)).toEqual(contact);
  });
});
