import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../calendar/working-days';
import type { Cell } from '../../org/staff-import';
import { apply, type DossierAction, NEW_DOSSIER, replay } from '../domain';
import {
  checkDates,
  checkRow,
  codeShapeProblem,
  type InflightField,
  mapHeadings,
  matchAssignee,
  matchFormerUnit,
  type ProcedureRef,
  parseDate,
  parseStatus,
  type RowContext,
} from './rules';

/** Statutory defaults (30/4, 1/5 and 2/9 off) plus an announced bridge day. */
const calendar = new WorkingCalendar({
  2025: {
    holidayRanges: [{ from: '2025-06-23', to: '2025-06-23', key: 'other', name: 'Nghỉ bù' }],
    makeUpWorkingDays: [],
  },
});
const TODAY = '2025-06-20'; // a Friday

describe('date rules', () => {
  it.each([
    // received, due, problems, overdue, remaining working days (today Fri 20/6; Mon 23/6 is a holiday here)
    ['2025-06-10', '2025-06-27', [], false, 4],
    ['2025-06-10', '2025-06-24', [], false, 1],
    ['2025-06-10', '2025-06-23', [], false, 0],
    ['2025-06-20', '2025-06-20', [], false, 0],
    ['2025-06-01', '2025-06-18', [], true, -2],
    ['2025-06-21', '2025-06-30', ['receivedOn'], false, 5],
    ['2025-06-10', '2025-06-09', ['dueDate'], true, -9],
    ['2025-07-01', '2025-06-30', ['receivedOn', 'dueDate'], false, 5],
    ['2025-04-25', '2025-05-05', [], true, -34],
  ] as const)('received %s, due %s → %j overdue=%s remaining=%d', (r, d, fields, overdue, remaining) => {
    const out = checkDates(r, d, TODAY, calendar);
    expect(out.problems.map((p) => p.field)).toEqual(fields);
    expect(out.overdue).toBe(overdue);
    expect(out.remaining).toBe(remaining);
  });

  it('counts the remaining days on the calendar: Tết 2026 in between', () => {
    const tet = new WorkingCalendar({
      2026: {
        holidayRanges: [{ from: '2026-02-14', to: '2026-02-22', key: 'tet', name: 'Tết' }],
        makeUpWorkingDays: [],
      },
    });
    expect(checkDates('2026-02-10', '2026-02-24', '2026-02-12', tet).remaining).toBe(3); // 13, 23, 24
  });
});

describe('code shape', () => {
  it.each([
    ['000.22.35.H42-250610-0003', null],
    ['H42.35-2025/0012', null],
    ['TT/2025/15', null],
    ['1234', null],
    ['A1B2C3', null],
    ['ABC', 'long'],
    ['12', 'long'],
    [`${'A'.repeat(59)}1`, null],
    [`${'A'.repeat(60)}1`, 'long'],
    ['000.22 35', 'spaces'],
    ['HS_2025_1', 'letters'],
    ['HS#2025', 'letters'],
    ['HỒSƠ-2025', 'letters'],
    ['ABCD-EFGH', 'digit'],
    ['', 'missing'],
  ])('%s → %s', (code, problem) => {
    const p = codeShapeProblem(code);
    if (problem === null) expect(p).toBeNull();
    else expect(p?.en).toMatch(new RegExp(problem));
  });
});

describe('parsing cells', () => {
  it.each([
    ['10/06/2025', '2025-06-10'],
    ['1/6/2025', '2025-06-01'],
    ['2025-06-10', '2025-06-10'],
    ['31/02/2025', null],
    ['2025-02-30', null],
    ['10-06-25', null],
    [new Date(Date.UTC(2025, 5, 10)), '2025-06-10'],
    [45818, '2025-06-10'],
    ['', null],
  ] as [Cell, string | null][])('date %s → %s', (cell, iso) => {
    expect(parseDate(cell)).toBe(iso);
  });

  it.each([
    ['Đang xử lý', 'in_processing'],
    ['dang xu ly', 'in_processing'],
    ['Being processed', 'in_processing'],
    ['Chờ bổ sung', 'supplement_requested'],
    ['Chờ bổ sung, hoàn thiện', null],
    ['Chờ bổ sung hoàn thiện', 'supplement_requested'],
    ['Có kết quả', 'result_ready'],
    ['result ready', 'result_ready'],
    ['Đã tiếp nhận', 'received'],
    ['Đã trả kết quả', null],
    ['', null],
  ])('state %s → %s', (cell, status) => {
    expect(parseStatus(cell)).toBe(status);
  });

  it('maps the template headings and other usual ones; names missing columns', () => {
    const { columns, problems } = mapHeadings([
      'Mã hồ sơ cũ (*)',
      'Don vi cu',
      'Mã thủ tục',
      'Họ tên người nộp',
      'Số CCCD',
      'SĐT',
      'Địa chỉ',
      'Ngày tiếp nhận',
      'Ngày hẹn trả',
      'Tình trạng',
    ]);
    expect(columns).toMatchObject({ originalCode: 0, formerUnit: 1, idNumber: 4, phone: 5, status: 9 });
    expect(problems).toEqual([]);
    const missing = mapHeadings(['Mã hồ sơ cũ', 'Họ tên người nộp']).problems.map((p) => p.column);
    expect(missing).toContain('Ngày hẹn trả');
    expect(missing).not.toContain('Người xử lý');
  });
});

const UNITS = [
  { code: '18103', name: 'Phường Bắc Hà', districtName: 'Thành phố Hà Tĩnh' },
  { code: '18115', name: 'Xã Thạch Trung', districtName: 'Thành phố Hà Tĩnh' },
  { code: '18301', name: 'Xã Thạch Trung', districtName: 'Huyện Thạch Hà' },
  { code: '18118', name: 'Phường Nam Hà', districtName: 'Thành phố Hà Tĩnh' },
];

describe('former unit on the map', () => {
  it.each([
    ['Phường Bắc Hà', true, 'Phường Bắc Hà (Thành phố Hà Tĩnh)'],
    ['bac ha', true, 'Phường Bắc Hà (Thành phố Hà Tĩnh)'],
    ['UBND phường Bắc Hà', true, 'Phường Bắc Hà (Thành phố Hà Tĩnh)'],
    ['18115', true, 'Xã Thạch Trung (Thành phố Hà Tĩnh)'],
    ['Xã Thạch Trung', false, 'several'],
    ['Thành phố Hà Tĩnh', true, 'Thành phố Hà Tĩnh'],
    ['UBND huyện Thạch Hà', true, 'Huyện Thạch Hà'],
    ['Huyện Kỳ Anh', false, 'not a former'],
    ['Phường Trần Phú', false, 'not a former'],
    ['', false, 'missing'],
  ])('%s → ok=%s %s', (text, ok, what) => {
    const m = matchFormerUnit(text, UNITS);
    expect(m.ok).toBe(ok);
    if (m.ok) expect(m.importedFrom).toBe(what);
    else expect(m.message.en).toMatch(what);
  });

  it('takes the unit as written when the map has none for this commune', () => {
    expect(matchFormerUnit('Xã Cũ', [])).toEqual({ ok: true, importedFrom: 'Xã Cũ', code: null });
  });
});

const SPECIALISTS = [
  {
    accountId: 'a1',
    username: 'chuyenvien.tranphu',
    displayName: 'Nguyễn Văn An',
    fullName: 'Nguyễn Văn An',
  },
  { accountId: 'a2', username: 'cv2.tranphu', displayName: 'Lê Thị Bình', fullName: null },
  { accountId: 'a3', username: 'cv3.tranphu', displayName: 'Lê Thị Bình', fullName: null },
];

describe('assignee', () => {
  it.each([
    ['chuyenvien.tranphu', 'a1'],
    ['CHUYENVIEN.TRANPHU', 'a1'],
    ['Nguyễn Văn An', 'a1'],
    ['nguyen van an', 'a1'],
    ['cv3.tranphu', 'a3'],
    ['Lê Thị Bình', 'Several'],
    ['lanhdao.tranphu', 'not a specialist'],
  ])('%s → %s', (text, expected) => {
    const m = matchAssignee(text, SPECIALISTS);
    if (m.ok) expect(m.assignee.accountId).toBe(expected);
    else expect(m.message.en).toMatch(expected);
  });
});

const PROCEDURE: ProcedureRef = {
  id: 'p1',
  code: '1.001193',
  version: 1,
  name: 'Đăng ký khai sinh',
  active: true,
  outside: false,
  limit: { kind: 'working_days', days: 3 },
  documents: 3,
};
const ctx: RowContext = {
  today: TODAY,
  calendar,
  formerUnits: UNITS,
  procedures: new Map([
    ['1.001193', PROCEDURE],
    ['OLD', { ...PROCEDURE, code: 'OLD', active: false }],
    ['POLICE', { ...PROCEDURE, code: 'POLICE', outside: true }],
  ]),
  specialists: SPECIALISTS,
  existingCodes: new Set(['000.22.35.H42-250601-0001']),
};
const COLUMNS = Object.fromEntries(
  [
    'originalCode',
    'formerUnit',
    'procedure',
    'applicantName',
    'idNumber',
    'phone',
    'address',
    'receivedOn',
    'dueDate',
    'status',
    'assignee',
    'historyNote',
  ].map((f, i) => [f, i]),
) as Record<InflightField, number>;
const GOOD = [
  '000.22.35.h42-250610-0003',
  'Phường Bắc Hà',
  '1.001193',
  'Trần Thị Cúc',
  '042190001234',
  '0912 345 678',
  'Tổ 3, phường Bắc Hà',
  '10/06/2025',
  '13/06/2025',
  'Đang xử lý',
  'chuyenvien.tranphu',
  'Đã thẩm tra hồ sơ, chờ ký',
];
const withCell = (i: number, v: Cell) => GOOD.map((c, j) => (j === i ? v : c)) as Cell[];

describe('one row', () => {
  it('a good row: code upper-cased, unit resolved, flagged overdue with its working days', () => {
    const { value, problems } = checkRow(2, GOOD, COLUMNS, ctx, new Map());
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      originalCode: '000.22.35.H42-250610-0003',
      importedFrom: 'Phường Bắc Hà (Thành phố Hà Tĩnh)',
      formerUnitCode: '18103',
      applicant: { phone: '0912345678', idNumber: '042190001234' },
      receivedOn: '2025-06-10',
      dueDate: '2025-06-13',
      status: 'in_processing',
      assignee: { accountId: 'a1' },
      overdue: true,
      remainingWorkingDays: -5,
    });
  });

  it.each([
    [0, 'AB CD 12', 'originalCode', /spaces/],
    [0, '000.22.35.H42-250601-0001', 'originalCode', /exists already/],
    [1, 'Huyện Kỳ Anh', 'formerUnit', /not a former/],
    [2, '9.999999', 'procedure', /No procedure/],
    [2, 'OLD', 'procedure', /retired/],
    [2, 'POLICE', 'procedure', /Another agency/],
    [3, 'A', 'applicantName', /2–100/],
    [4, '12 34', 'idNumber', /6–20/],
    [5, '12345', 'phone', /Invalid phone/],
    [6, '', 'address', /3–300/],
    [7, '21/06/2025', 'receivedOn', /after today/],
    [7, '2025/06/10', 'receivedOn', /Invalid date/],
    [8, '09/06/2025', 'dueDate', /before the date received/],
    [9, 'Đã trả kết quả', 'status', /must be one of/],
    [10, '', 'assignee', /needs a specialist/],
    [10, 'lanhdao.tranphu', 'assignee', /not a specialist/],
    [11, 'x'.repeat(2001), 'historyNote', /2000/],
    [3, 'Trần\u0000Cúc', 'applicantName', /control character/],
  ] as [number, string, InflightField, RegExp][])('cell %i = %s → %s', (i, v, field, reason) => {
    const { value, problems } = checkRow(2, withCell(i, v), COLUMNS, ctx, new Map());
    expect(value).toBeNull();
    expect(problems.find((p) => p.field === field)?.message.en).toMatch(reason);
    expect(problems.every((p) => p.row === 2 && p.message.vi && p.message.en)).toBe(true);
  });

  it('no assignee is fine for a dossier waiting to be assigned or with its result ready', () => {
    for (const status of ['Đã tiếp nhận', 'Có kết quả'])
      expect(
        checkRow(
          2,
          withCell(10, '').map((c, j) => (j === 9 ? status : c)),
          COLUMNS,
          ctx,
          new Map(),
        ).problems,
      ).toEqual([]);
  });

  it('a code repeated in the file names the first row', () => {
    const seen = new Map<string, number>();
    expect(checkRow(2, GOOD, COLUMNS, ctx, seen).problems).toEqual([]);
    const again = checkRow(5, withCell(0, ' 000.22.35.H42-250610-0003 '), COLUMNS, ctx, seen);
    expect(again.problems.map((p) => [p.field, p.message.en])).toEqual([
      ['originalCode', 'The code repeats row 2.'],
    ]);
  });
});

describe('the import action in the lifecycle', () => {
  const leader = { kind: 'official', id: 'u-leader', roles: ['commune_leader'] } as const;
  const now = new Date('2025-06-20T03:00:00Z');
  const base = {
    type: 'import',
    importedFrom: 'Phường Bắc Hà (Thành phố Hà Tĩnh)',
    originalCode: '000.22.35.H42-250610-0003',
    receivedAt: '2025-06-09T17:00:00.000Z', // 10/6 local
    dueDate: '2025-06-27',
    limit: { kind: 'working_days', days: 10 },
  } as const;

  it.each([
    ['received', undefined, { pausedSince: null, resolvedAt: null }, 0],
    ['in_processing', 'u-spec', { pausedSince: null, resolvedAt: null }, 0],
    ['supplement_requested', 'u-spec', { pausedSince: now.toISOString(), resolvedAt: null }, 1],
    ['result_ready', undefined, { pausedSince: null, resolvedAt: now.toISOString() }, 0],
  ] as const)('lands in %s keeping its dates', (status, assigneeId, clock, supplements) => {
    const action = { ...base, status, ...(assigneeId ? { assigneeId } : {}) };
    const { state, events } = apply(NEW_DOSSIER, action, leader, now, calendar);
    expect(state.status).toBe(status);
    expect(state.assigneeId).toBe(assigneeId ?? null);
    expect(state.supplementRequests).toBe(supplements);
    expect(state.clock).toMatchObject({
      receivedAt: base.receivedAt,
      countFrom: '2025-06-10',
      initialDueDate: '2025-06-27',
      dueDate: '2025-06-27',
      ...clock,
    });
    expect(events[0]).toMatchObject({ type: 'status_changed', from: null, to: status });
    // Replayed from its history it is the same dossier.
    expect(replay(state.history, calendar)).toEqual(state);
  });

  it.each([
    [{ status: 'returned' }, 'body.status'],
    [{ status: 'in_processing' }, 'body.assigneeId'],
    [{ dueDate: '2025-06-01' }, 'body.dueDate'],
    [{ originalCode: ' ' }, 'body.originalCode'],
  ] as const)('refuses %j (%s)', (patch, field) => {
    const action = { ...base, status: 'received', ...patch } as unknown as DossierAction;
    expect(() => apply(NEW_DOSSIER, action, leader, now, calendar)).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field })] }),
    );
  });

  it('only a commune leader (or an administrator) takes dossiers over', () => {
    const officer = { kind: 'official', id: 'u-o', roles: ['one_stop_officer'] } as const;
    const action = { ...base, status: 'received' } as const;
    expect(() => apply(NEW_DOSSIER, action, officer, now, calendar)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });
});
