import { describe, expect, it } from 'vitest';
import { anchorsOf, articlesOf, canonicalAnchor } from './papers-text';

const REGULATION = `QUY CHẾ LÀM VIỆC
của Hội đồng nhân dân phường Trần Phú, nhiệm kỳ 2021 - 2026

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Quy chế này quy định về nguyên tắc, chế độ làm việc của Hội đồng nhân dân.

Điều 2. Nguyên tắc làm việc
1. Hội đồng nhân dân làm việc theo chế độ hội nghị.
2. Quyết định theo đa số.

Chương II
NHIỆM VỤ CỤ THỂ

Điều 3: Kỳ họp
1. Hội đồng nhân dân họp thường lệ mỗi năm ít nhất hai kỳ.
2. Kỳ họp bất thường được triệu tập khi:
a) Thường trực Hội đồng nhân dân xét thấy cần thiết;
b) Chủ tịch Ủy ban nhân dân đề nghị;
c) Ít nhất một phần ba tổng số đại biểu yêu cầu.
3. Thời gian họp theo Điều 5 của Luật Tổ chức chính quyền địa phương.
Điều 4. Hiệu lực
Quy chế có hiệu lực từ ngày ký.`;

describe('articlesOf', () => {
  const articles = articlesOf(REGULATION);

  it('finds each article with its title, leaving the preamble and chapter headings out', () => {
    expect(articles.map((a) => [a.anchor, a.title])).toEqual([
      ['Điều 1', 'Phạm vi điều chỉnh'],
      ['Điều 2', 'Nguyên tắc làm việc'],
      ['Điều 3', 'Kỳ họp'],
      ['Điều 4', 'Hiệu lực'],
    ]);
    expect(articles[1]!.text).toBe(
      '1. Hội đồng nhân dân làm việc theo chế độ hội nghị.\n2. Quyết định theo đa số.',
    );
    expect(articles[1]!.text).not.toContain('Chương II');
  });

  it('gives the anchors of articles, clauses and points in reading order', () => {
    expect(anchorsOf(articles)).toEqual([
      'Điều 1',
      'Điều 2',
      'Điều 2, khoản 1',
      'Điều 2, khoản 2',
      'Điều 3',
      'Điều 3, khoản 1',
      'Điều 3, khoản 2',
      'Điều 3, khoản 2, điểm a',
      'Điều 3, khoản 2, điểm b',
      'Điều 3, khoản 2, điểm c',
      'Điều 3, khoản 3',
      'Điều 4',
    ]);
    const k2 = articles[2]!.clauses[1]!;
    expect(k2.text.split('\n')).toHaveLength(4);
    expect(k2.points[1]).toEqual({
      letter: 'b',
      anchor: 'Điều 3, khoản 2, điểm b',
      text: 'Chủ tịch Ủy ban nhân dân đề nghị;',
    });
  });

  it.each([
    ['no article at all', 'Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm.', []],
    ['an article heading without a title', 'Điều 1\nNội dung.', ['Điều 1']],
    ['a quoted article in the text is not a heading', 'Điều 1. A\nĐiều 5 của Luật quy định.', ['Điều 1']],
    ['an article number used twice stays text', 'Điều 1. A\nĐiều 1. B\nĐiều 2. C', ['Điều 1', 'Điều 2']],
    [
      'upper-case heading, Windows line ends',
      'ĐIỀU 7. TỔ CHỨC\r\n1. Một.\r\n2. Hai.',
      ['Điều 7', 'Điều 7, khoản 1', 'Điều 7, khoản 2'],
    ],
    [
      'clauses out of sequence are text (a year, a list)',
      'Điều 1. A\n2025. Năm.\n1. Một.\n3. Ba.',
      ['Điều 1', 'Điều 1, khoản 1'],
    ],
    [
      'points follow the Vietnamese letters (d, đ, e)',
      'Điều 1. A\n1. K\na) x\nb) x\nc) x\nd) x\nđ) x\ne) x',
      [
        'Điều 1',
        'Điều 1, khoản 1',
        ...['a', 'b', 'c', 'd', 'đ', 'e'].map((l) => `Điều 1, khoản 1, điểm ${l}`),
      ],
    ],
    ['a point before any clause is text', 'Điều 1. A\na) x\n1. K', ['Điều 1', 'Điều 1, khoản 1']],
    ['decomposed Unicode (NFD) is read as NFC', 'Điều 2. Tên'.normalize('NFD'), ['Điều 2']],
  ])('%s', (_, text, anchors) => {
    expect(anchorsOf(articlesOf(text))).toEqual(anchors);
  });
});

describe('canonicalAnchor', () => {
  it.each([
    ['Điều 3', 'Điều 3'],
    ['điều 3', 'Điều 3'],
    ['  Điều   3 ,  khoản 2 ', 'Điều 3, khoản 2'],
    ['ĐIỀU 3, KHOẢN 2, ĐIỂM A', 'Điều 3, khoản 2, điểm a'],
    ['Điều 3, khoản 2, điểm đ'.normalize('NFD'), 'Điều 3, khoản 2, điểm đ'],
    ['Điều', null],
    ['Article 3', null],
    ['Điều 3, điểm a', null],
    ['Điều 3; khoản 2', null],
  ])('%j → %j', (input, expected) => {
    expect(canonicalAnchor(input)).toBe(expected);
  });
});
