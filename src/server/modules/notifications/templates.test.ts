/**
 * The message templates: every key in both languages, values filled safely (no re-expansion, no control
 * characters, optional lines left out), the SMS text within 300 characters whatever the values.
 */
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TEMPLATES } from '../../../common/api/notifications';
import { TEMPLATE_KEYS } from './notify';
import { fill, render, SMS_MAX, TEMPLATES } from './templates';

const PARAMS = {
  code: 'H40.18100-251203-0007',
  name: 'Nguyễn Văn An',
  communeName: 'Phường Trần Phú',
  procedureName: 'Đăng ký khai sinh',
  dueDate: '2025-12-10',
  previousDueDate: '2025-12-08',
  reason: 'Thiếu bản sao giấy chứng sinh',
  items: 'Giấy chứng sinh',
  title: 'Đèn đường hỏng',
  answer: 'Đã thay bóng đèn.',
  comment: 'Vẫn tối',
  targetName: 'Xã Thạch Hà',
  url: 'https://xaso.example.vn/tra-cuu',
};

describe('templates', () => {
  it.each(TEMPLATE_KEYS.flatMap((k) => (['vi', 'en'] as const).map((l) => [k, l] as const)))(
    '%s (%s) has a subject, a body and an SMS text that name the record, with no placeholder left',
    (key, locale) => {
      for (const channel of ['email', 'sms', 'zalo'] as const) {
        const m = render(key, locale, PARAMS, channel);
        expect(m.subject).toContain(PARAMS.code);
        expect(m.body).toContain(PARAMS.code);
        expect(`${m.subject}${m.body}`).not.toMatch(/\{[a-zA-Z]+\}|undefined|null/);
        if (channel === 'sms') expect(m.body.length).toBeLessThanOrEqual(SMS_MAX);
      }
    },
  );

  it('writes Vietnamese with diacritics and English in English', () => {
    const vi = render('dossier.result_ready', 'vi', PARAMS, 'email');
    expect(vi.subject).toBe('Hồ sơ H40.18100-251203-0007 đã có kết quả');
    expect(vi.body).toContain('Kính gửi Ông/Bà Nguyễn Văn An,');
    expect(vi.body).toContain('Bộ phận một cửa Phường Trần Phú');
    const en = render('dossier.result_ready', 'en', PARAMS, 'email');
    expect(en.subject).toBe('The result of dossier H40.18100-251203-0007 is ready');
    expect(en.body).toContain('Dear Nguyễn Văn An,');
  });

  it('shows ISO dates as dd/MM/yyyy', () => {
    expect(render('dossier.appointment_moved', 'vi', PARAMS, 'sms').body).toContain(
      'đổi từ 08/12/2025 sang 10/12/2025',
    );
  });

  it('leaves out a line whose value is missing, instead of writing "undefined"', () => {
    const { reason: _r, url: _u, ...rest } = PARAMS;
    const m = render('dossier.supplement_requested', 'vi', rest, 'email');
    expect(m.body).not.toContain('Lý do');
    expect(m.body).not.toContain('Tra cứu');
    expect(m.body).toContain('Giấy tờ cần bổ sung: Giấy chứng sinh');
    const sms = render('dossier.supplement_requested', 'vi', { ...rest, reason: null }, 'sms').body;
    expect(sms).not.toContain('Lý do');
    expect(sms).toContain('cần bổ sung: Giấy chứng sinh');
  });

  it('fills values in one pass: a value that looks like a placeholder stays as typed', () => {
    expect(fill('A {title} B {code}', { title: '{code}', code: 'X' })).toBe('A {code} B X');
  });

  it('drops control characters and folds a one-line value onto one line', () => {
    expect(fill('Tên: {name}.', { name: 'An\u0000\u0007\u202e\nBình' })).toBe('Tên: An Bình.');
    // The answer keeps its paragraphs in an e-mail.
    const m = render('feedback.answered', 'vi', { ...PARAMS, answer: 'Dòng 1\n\nDòng 2' }, 'email');
    expect(m.body).toContain('Dòng 1\n\nDòng 2');
  });

  it('keeps an SMS within 300 characters with 20 000-character values', () => {
    const long = 'ư'.repeat(20_000);
    for (const key of TEMPLATE_KEYS) {
      const m = render(key, 'vi', { ...PARAMS, reason: long, items: long, title: long, answer: long }, 'sms');
      expect(m.body.length).toBeLessThanOrEqual(SMS_MAX);
      expect(m.subject.length).toBeLessThanOrEqual(250);
    }
    const e = render('feedback.answered', 'vi', { ...PARAMS, answer: long }, 'email');
    expect(e.body.length).toBeLessThan(5000);
  });

  it('has every template key in both languages, and nothing else', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_KEYS].sort());
    for (const k of TEMPLATE_KEYS) expect(Object.keys(TEMPLATES[k]).sort()).toEqual(['en', 'vi']);
    // The administrators' filter offers the same list.
    expect([...NOTIFICATION_TEMPLATES]).toEqual([...TEMPLATE_KEYS]);
  });
});
