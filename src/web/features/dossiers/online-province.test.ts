import { describe, expect, it } from 'vitest';
import { provinceOfAddress } from './online-province';

const LIST = {
  provinces: [
    { code: '01', name: 'Thành phố Hà Nội', communes: [] },
    { code: '42', name: 'Hà Tĩnh', communes: [] },
    { code: '40', name: 'Nghệ An', communes: [] },
    { code: '44', name: 'Quảng Trị', communes: [] },
  ],
};

describe('the citizen’s province, from the address on the CCCD', () => {
  it.each([
    ['Tổ 5, phường Trần Phú, TP Hà Tĩnh', '42'],
    ['Xóm 2, xã Nghi Lộc, Nghệ An', '40'],
    ['thôn 3, xa thach ha, ha tinh', '42'],
    ['Số 1 phố Hàng Bài, Hoàn Kiếm, Hà Nội', '01'],
    // The province named last wins ("Nghệ An" in a street name before the province).
    ['Số 9 đường Nghệ An, phường Đông Hà, Quảng Trị', '44'],
    ['', null],
    ['Khu phố 4, phường Bến Nghé', null],
    // A province's name inside another word is not that province.
    ['Số 3, đường Hà Tĩnhxyz', null],
  ])('%s → %s', (address, code) => {
    expect(provinceOfAddress(LIST, address)).toBe(code);
  });
});
