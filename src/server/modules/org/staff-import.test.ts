import { describe, expect, it } from 'vitest';
import {
  type Cell,
  classifyFormerUnit,
  mapHeadings,
  matchBody,
  matchByName,
  normalizePhone,
  parseGender,
  parseRow,
  parseVietnameseDate,
} from './staff-import';

describe('staff list cells', () => {
  it.each([
    ['05/03/1982', '1982-03-05'],
    ['5/3/1982', '1982-03-05'],
    ['05.03.1982', '1982-03-05'],
    ['05-03-1982', '1982-03-05'],
    [' 29/02/2024 ', '2024-02-29'],
    ['29/02/2025', null],
    ['31/04/2025', null],
    ['1982-03-05', null],
    ['03/05/82', null],
    ['', null],
    [new Date(Date.UTC(1988, 3, 9)), '1988-04-09'],
    [45839, '2025-07-01'], // Excel serial day number
    [1.5, null],
  ] as [Cell, string | null][])('date %j → %j', (cell, expected) => {
    expect(parseVietnameseDate(cell)).toBe(expected);
  });

  it.each([
    ['Nam', 'male'],
    ['nam', 'male'],
    ['NỮ', 'female'],
    ['Nu', 'female'],
    ['Khác', null],
    ['', null],
  ] as [Cell, string | null][])('gender %j → %j', (cell, expected) => {
    expect(parseGender(cell)).toBe(expected);
  });

  it.each([
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    [912345678, '0912345678'], // the spreadsheet ate the leading zero
    ['(0239) 3855 123', '02393855123'],
    ['0123456789', null], // old 11-digit mobile prefixes are gone; 01x is no prefix
    ['12345', null],
    ['09123456789', null],
    ['abc', null],
  ] as [Cell, string | null][])('phone %j → %j', (cell, expected) => {
    expect(normalizePhone(cell)).toBe(expected);
  });

  it.each([
    ['', { kind: 'none' }],
    ['Huyện Kỳ Anh', { kind: 'district', name: 'Huyện Kỳ Anh' }],
    ['thị xã Kỳ Anh', { kind: 'district', name: 'Thị xã Kỳ Anh' }],
    ['Thành phố Hà Tĩnh', { kind: 'district', name: 'Thành phố Hà Tĩnh' }],
    ['Phường Đồng Môn', { kind: 'commune', name: 'Phường Đồng Môn' }],
    ['Hộ Độ', { kind: 'commune', name: 'Hộ Độ' }],
  ])('former unit %j', (cell, expected) => {
    expect(classifyFormerUnit(cell)).toEqual(expected);
  });

  const units = [{ name: 'Phường Đồng Môn' }, { name: 'Xã Đồng Môn' }, { name: 'Xã Hộ Độ' }];
  it.each([
    ['Phường Đồng Môn', ['Phường Đồng Môn']],
    ['phuong dong mon', ['Phường Đồng Môn']],
    ['Đồng Môn', ['Phường Đồng Môn', 'Xã Đồng Môn']],
    ['Hộ Độ', ['Xã Hộ Độ']],
    ['Thạch Hạ', []],
  ])('former commune "%s" matches %j', (name, expected) => {
    expect(matchByName(name, units).map((u) => u.name)).toEqual(expected);
  });

  const bodies = [
    { name: 'Ủy ban nhân dân phường Trần Phú', shortName: 'UBND' },
    { name: 'Văn phòng HĐND và UBND', shortName: null },
    { name: 'Trung tâm Phục vụ hành chính công', shortName: 'TTPVHCC' },
    { name: 'Phòng Kinh tế, Hạ tầng và Đô thị', shortName: null },
    { name: 'Phòng Văn hóa - Xã hội', shortName: null },
  ];
  it.each([
    ['UBND', ['Ủy ban nhân dân phường Trần Phú']],
    ['ttpvhcc', ['Trung tâm Phục vụ hành chính công']],
    ['Văn phòng HĐND và UBND', ['Văn phòng HĐND và UBND']],
    ['Ủy ban nhân dân', ['Ủy ban nhân dân phường Trần Phú']],
    ['Phòng', ['Phòng Kinh tế, Hạ tầng và Đô thị', 'Phòng Văn hóa - Xã hội']], // ambiguous: reported as such
    ['Phòng Tư pháp', []],
  ])('body "%s" matches %j', (name, expected) => {
    expect(matchBody(name, bodies).map((b) => b.name)).toEqual(expected);
  });
});

describe('staff list rows', () => {
  const headings = [
    'STT',
    'Họ và tên',
    'Ngày sinh',
    'GIỚI TÍNH',
    'Số điện thoại',
    'Email',
    'Đơn vị cũ',
    'Chức vụ',
    'Cơ quan',
    'Ngày bắt đầu',
  ];
  const { columns } = mapHeadings(headings);
  const TODAY = '2025-07-20';
  const row = (over: Record<number, Cell> = {}) => {
    const cells: Cell[] = [
      '1',
      'Nguyễn  Văn An',
      '05/03/1982',
      'Nam',
      '0912 345 678',
      '',
      'Hộ Độ',
      'Phó Chủ tịch UBND',
      'UBND',
      '01/07/2025',
    ];
    for (const [i, v] of Object.entries(over)) cells[Number(i)] = v;
    return parseRow(7, cells, columns, TODAY);
  };

  it('maps headings without regard to case, diacritics or the other names people use', () => {
    expect(columns).toEqual({
      fullName: 1,
      dateOfBirth: 2,
      gender: 3,
      phone: 4,
      email: 5,
      formerUnit: 6,
      title: 7,
      body: 8,
      startDate: 9,
    });
    expect(mapHeadings(['Họ tên', 'Ngày sinh']).problems.map((p) => p.column)).toEqual(['Giới tính']);
  });

  it('parses a good row', () => {
    expect(row()).toEqual({
      problems: [],
      value: {
        row: 7,
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1982-03-05',
        gender: 'male',
        phone: '0912345678',
        email: null,
        formerUnit: { kind: 'commune', name: 'Hộ Độ' },
        position: { title: 'Phó Chủ tịch UBND', body: 'UBND', startDate: '2025-07-01' },
      },
    });
  });

  it.each([
    ['no name', { 1: '' }, ['fullName']],
    ['a name with digits', { 1: 'Nguyễn Văn 2' }, ['fullName']],
    ['an impossible date of birth', { 2: '30/02/1990' }, ['dateOfBirth']],
    ['too young (and so too young to start)', { 2: '01/01/2010' }, ['dateOfBirth', 'startDate']],
    ['an unknown gender', { 3: 'X' }, ['gender']],
    ['a bad phone', { 4: '12345' }, ['phone']],
    ['a bad e-mail', { 5: 'an@' }, ['email']],
    ['a title without a body', { 8: '' }, ['body']],
    ['a body without a title', { 7: '' }, ['title']],
    ['a start date in the future', { 9: '01/01/2026' }, ['startDate']],
    ['a start date that is no date', { 9: '2025' }, ['startDate']],
    ['several problems at once', { 2: '', 3: '' }, ['dateOfBirth', 'gender']],
  ] as [string, Record<number, Cell>, string[]][])('reports %s', (_, over, fields) => {
    const { value, problems } = row(over);
    expect(value).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(fields);
    expect(problems.every((p) => p.row === 7 && p.message.vi && p.message.en)).toBe(true);
  });

  it('takes a row without a position, and today as the start date when none is given', () => {
    expect(row({ 7: '', 8: '', 9: '' }).value?.position).toBeNull();
    expect(row({ 9: '' }).value?.position?.startDate).toBe(TODAY);
  });
});
