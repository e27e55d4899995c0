import { describe, expect, it } from 'vitest';
import { requestedDocument } from './requested-document';

const BIRTH = [
  { index: 0, name: 'Tờ khai đăng ký khai sinh (theo mẫu)' },
  { index: 1, name: 'Giấy chứng sinh' },
  { index: 2, name: 'Giấy tờ tùy thân của người yêu cầu' },
];

describe('requestedDocument', () => {
  it.each([
    ['the document the item names, with a note after it', ['Giấy chứng sinh (bản chụp rõ dấu)'], 1],
    ['typed without diacritics', ['giay chung sinh ro net'], 1],
    ['the first item that names one', ['Ảnh chụp rõ hơn', 'Bản sao Giấy tờ tùy thân của người yêu cầu'], 2],
    ['none named: no choice made for the citizen', ['Ảnh chụp rõ hơn'], undefined],
    ['no items', [], undefined],
  ])('%s', (_, items, expected) => {
    expect(requestedDocument(BIRTH, items)).toBe(expected);
  });

  it('prefers the longest name when several fit', () => {
    const docs = [
      { index: 0, name: 'Giấy tờ' },
      { index: 1, name: 'Giấy tờ chứng minh nơi cư trú' },
    ];
    expect(requestedDocument(docs, ['Giấy tờ chứng minh nơi cư trú (bản sao)'])).toBe(1);
  });
});
