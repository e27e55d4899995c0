import { describe, expect, it } from 'vitest';
import type { SlipKind } from '../../../../common/api/dossiers';
import type { DossierActionType, DossierStatus } from '../domain';
import {
  applicableSlips,
  appointmentText,
  placeDateLine,
  placeName,
  slipAllowed,
  slipConflictText,
} from './rules';

const RECEIVED: DossierActionType[] = ['receive'];
const WITH_SPECIALIST: DossierActionType[] = ['receive', 'assign', 'start_processing'];

/** A typical history that leads to each state. */
const CASES: [DossierStatus, DossierActionType[]][] = [
  ['submitted_online', ['submit_online']],
  ['refused', ['submit_online', 'refuse_intake']],
  ['received', RECEIVED],
  ['assigned', ['receive', 'assign']],
  ['in_processing', WITH_SPECIALIST],
  ['supplement_requested', [...WITH_SPECIALIST, 'request_supplement']],
  ['awaiting_payment', [...WITH_SPECIALIST, 'request_payment']],
  ['submitted_for_approval', [...WITH_SPECIALIST, 'submit_for_approval']],
  ['approved', [...WITH_SPECIALIST, 'submit_for_approval', 'approve']],
  ['rejected', [...WITH_SPECIALIST, 'submit_for_approval', 'reject']],
  [
    'result_ready',
    [...WITH_SPECIALIST, 'record_apology', 'submit_for_approval', 'approve', 'mark_result_ready'],
  ],
  ['returned', [...WITH_SPECIALIST, 'submit_for_approval', 'approve', 'mark_result_ready', 'return_result']],
  ['withdrawn', ['submit_online', 'withdraw']],
  ['transferred', ['receive', 'transfer']],
];

// kind:         receipt refusal supplement guidance control apology
const EXPECTED: Record<DossierStatus, [0 | 1, 0 | 1, 0 | 1, 0 | 1, 0 | 1, 0 | 1]> = {
  submitted_online: [0, 0, 0, 1, 0, 0],
  refused: [0, 1, 0, 0, 0, 0],
  received: [1, 0, 0, 0, 1, 0],
  assigned: [1, 0, 0, 0, 1, 0],
  in_processing: [1, 0, 0, 0, 1, 0],
  supplement_requested: [1, 0, 1, 0, 1, 0],
  awaiting_payment: [1, 0, 0, 0, 1, 0],
  submitted_for_approval: [1, 0, 0, 0, 1, 0],
  approved: [1, 0, 0, 0, 1, 0],
  rejected: [1, 0, 0, 0, 1, 0],
  result_ready: [1, 0, 0, 0, 1, 1],
  returned: [1, 0, 0, 0, 1, 0],
  withdrawn: [0, 0, 0, 0, 0, 0],
  transferred: [1, 0, 0, 0, 1, 0],
};
const KINDS: SlipKind[] = ['receipt', 'refusal', 'supplement', 'guidance', 'control', 'apology'];

describe('which slip fits which state', () => {
  for (const [status, actions] of CASES) {
    it.each(KINDS.map((k, i) => [k, EXPECTED[status][i] === 1] as const))(
      `${status}: %s → %s`,
      (kind, allowed) => {
        expect(slipAllowed(kind, status, actions)).toBe(allowed);
      },
    );
  }

  it('gives a receipt and control slip to a dossier withdrawn after receipt, not before', () => {
    expect(slipAllowed('receipt', 'withdrawn', ['receive', 'withdraw'])).toBe(true);
    expect(slipAllowed('control', 'withdrawn', ['receive', 'withdraw'])).toBe(true);
    expect(slipAllowed('receipt', 'withdrawn', ['submit_online', 'withdraw'])).toBe(false);
  });

  it('keeps the supplement request only while it is open', () => {
    const answered: DossierActionType[] = [...WITH_SPECIALIST, 'request_supplement', 'supplement_received'];
    expect(slipAllowed('supplement', 'in_processing', answered)).toBe(false);
  });

  it('lists the applicable slips in the order of the buttons', () => {
    const history = [...WITH_SPECIALIST, 'request_supplement' as const].map((type) => ({ action: { type } }));
    expect(applicableSlips('supplement_requested', history)).toEqual(['receipt', 'supplement', 'control']);
  });

  it('names the slip and the state in the conflict message', () => {
    const t = slipConflictText('receipt', 'submitted_online');
    expect(t.vi).toBe(
      'Không cấp giấy tiếp nhận hồ sơ và hẹn trả kết quả cho hồ sơ ở trạng thái "Mới đăng ký trực tuyến, chờ tiếp nhận".',
    );
    expect(t.en).toContain('Submitted online, awaiting intake');
  });
});

describe('the place-and-date line (Decree 30/2020)', () => {
  it.each([
    ['Phường Trần Phú', '2026-01-05', 'Phường Trần Phú, ngày 05 tháng 01 năm 2026'],
    ['Phường Sông Trí', '2026-03-20', 'Sông Trí, ngày 20 tháng 3 năm 2026'],
    ['Xã Lê Lợi', '2025-02-09', 'Xã Lê Lợi, ngày 09 tháng 02 năm 2025'],
    ['Xã Hương Khê', '2025-12-31', 'Hương Khê, ngày 31 tháng 12 năm 2025'],
    ['Phường Hà Giang 1', '2025-07-01', 'Phường Hà Giang 1, ngày 01 tháng 7 năm 2025'],
    ['Đặc khu Phú Quốc', '2025-10-10', 'Phú Quốc, ngày 10 tháng 10 năm 2025'],
    ['Phường Hai Bà Trưng', '2025-11-02', 'Phường Hai Bà Trưng, ngày 02 tháng 11 năm 2025'],
    ['Phường Đồng Khởi', '2025-08-19', 'Phường Đồng Khởi, ngày 19 tháng 8 năm 2025'],
  ])('%s on %s → %s', (commune, date, line) => {
    expect(placeDateLine(commune, date)).toBe(line);
  });

  it('keeps a name without a unit word as it is', () => {
    expect(placeName('Hà Nội')).toBe('Hà Nội');
  });
});

describe('the appointment hour on the receipt', () => {
  const vn = (local: string) => new Date(`${local}+07:00`);
  it.each([
    [
      { kind: 'working_days', days: 3 } as const,
      '2026-03-02T09:15:00',
      '2026-03-05',
      '09 giờ 15 phút, ngày 05 tháng 03 năm 2026',
    ],
    [
      { kind: 'working_days', days: 3 } as const,
      '2026-03-01T21:40:00',
      '2026-03-05',
      '16 giờ 30 phút, ngày 05 tháng 03 năm 2026',
    ],
    [
      { kind: 'working_days', days: 3 } as const,
      '2026-03-02T06:50:00',
      '2026-03-05',
      '07 giờ 30 phút, ngày 05 tháng 03 năm 2026',
    ],
    [
      { kind: 'same_day' } as const,
      '2026-03-02T10:00:00',
      '2026-03-02',
      '16 giờ 30 phút, ngày 02 tháng 03 năm 2026',
    ],
    [
      { kind: 'same_day' } as const,
      '2026-03-02T15:20:00',
      '2026-03-03',
      '16 giờ 30 phút, ngày 03 tháng 03 năm 2026',
    ],
    [
      { kind: 'working_hours', hours: 8 } as const,
      '2026-03-02T10:00:00',
      '2026-03-03',
      '16 giờ 30 phút, ngày 03 tháng 03 năm 2026',
    ],
  ])('%o received %s, due %s → %s', (limit, received, due, text) => {
    expect(appointmentText(limit, vn(received), due)).toBe(text);
  });
});
