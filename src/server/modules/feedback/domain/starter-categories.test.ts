import { describe, expect, it } from 'vitest';
import { FeedbackCategory } from '../../../../common/api/feedback';
import { DEFAULT_FEEDBACK_SETTINGS } from './settings';
import { STARTER_CATEGORIES, starterCategories } from './starter-categories';

describe('starter categories of a province', () => {
  it('covers the fields of issue 13 with unique keys in order', () => {
    expect(STARTER_CATEGORIES.map((c) => c.key)).toEqual([
      'administrative_procedures',
      'land',
      'environment',
      'infrastructure',
      'security_order',
      'social_policy',
      'new_address',
      'other',
      'denunciation',
      'complaint',
    ]);
    const orders = STARTER_CATEGORIES.map((c) => c.sortOrder);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it.each([
    // [key, kind, daysKind, transferDays, answerDays, approvalRequired]
    ['land', 'feedback', 'working', 5, 10, false],
    ['infrastructure', 'feedback', 'working', 5, 10, false],
    ['new_address', 'feedback', 'working', 5, 10, false],
    ['other', 'feedback', 'working', 5, 10, false],
    ['denunciation', 'denunciation', 'working', 5, 30, true],
    ['complaint', 'complaint', 'calendar', 10, 30, true],
  ])(
    '%s: %s, %s days, transfer %i, answer %i, approval %s',
    (key, kind, daysKind, transfer, answer, approval) => {
      const c = STARTER_CATEGORIES.find((x) => x.key === key);
      expect(c).toMatchObject({
        kind,
        daysKind,
        transferDays: transfer,
        answerDays: answer,
        approvalRequired: approval,
      });
    },
  );

  it('has Vietnamese and English names and descriptions, and fits the API shape', () => {
    for (const c of STARTER_CATEGORIES) {
      expect(c.nameVi.length).toBeGreaterThan(2);
      expect(c.nameEn.length).toBeGreaterThan(2);
      expect(c.descriptionVi.length).toBeGreaterThan(10);
      expect(c.descriptionEn.length).toBeGreaterThan(10);
      expect(c.nameVi).not.toBe(c.nameEn);
      const parsed = FeedbackCategory.safeParse({
        ...c,
        id: 'x',
        provinceCode: '01',
        active: true,
        version: 1,
      });
      expect(parsed.success).toBe(true);
    }
  });

  it('hands out copies that callers may change', () => {
    const copy = starterCategories();
    copy[0]!.answerDays = 99;
    expect(STARTER_CATEGORIES[0]!.answerDays).toBe(10);
  });

  it('defaults the province settings', () => {
    expect(DEFAULT_FEEDBACK_SETTINGS).toEqual({ provinceEscalationDays: 5, dueSoonDays: 2 });
  });
});
