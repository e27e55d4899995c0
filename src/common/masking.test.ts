import { describe, expect, it } from 'vitest';
import { type KnownPersonalData, MASK_LABELS, maskPersonalData } from './masking';

const P = MASK_LABELS.phone;
const ID = MASK_LABELS.id;
const E = MASK_LABELS.email;
const N = MASK_LABELS.name;

describe('phone numbers', () => {
  it.each([
    ['Gọi 0912345678 nhé', `Gọi ${P} nhé`],
    ['Gọi 0912 345 678 nhé', `Gọi ${P} nhé`],
    ['Gọi 0912.345.678 nhé', `Gọi ${P} nhé`],
    ['Gọi 0912-345-678 nhé', `Gọi ${P} nhé`],
    ['Gọi 091 234 5678 nhé', `Gọi ${P} nhé`],
    ['Gọi 09 12 34 56 78 nhé', `Gọi ${P} nhé`],
    ['Gọi 0912 345678 nhé', `Gọi ${P} nhé`],
    ['(0912345678)', `(${P})`],
    ['Gọi 0383.123.456', `Gọi ${P}`],
    ['Số 0567 890 123, 0789 012 345 và 0868 123 456', `Số ${P}, ${P} và ${P}`],
    ['Gọi +84 912 345 678 nhé', `Gọi ${P} nhé`],
    ['Gọi +84912345678 nhé', `Gọi ${P} nhé`],
    ['Gọi 84912345678 nhé', `Gọi ${P} nhé`],
    ['Gọi (+84) 912 345 678 nhé', `Gọi ${P} nhé`],
    ['Gọi (84) 912.345.678 nhé', `Gọi ${P} nhé`],
    ['Gọi 0084 912 345 678 nhé', `Gọi ${P} nhé`],
    ['Bàn: 024 3825 1234.', `Bàn: ${P}.`],
    ['Bàn: 02438251234', `Bàn: ${P}`],
    ['Bàn: (024) 3825 1234', `Bàn: ${P}`],
    ['Bàn: 0236.3822.123', `Bàn: ${P}`],
    ['SĐT:0912345678.', `SĐT:${P}.`],
    ['0912345678', P],
    ['Gọi 0912345678 1 lần', `Gọi ${P} 1 lần`],
  ])('%s → %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    'Đường dây nóng 1900 1234 và 113',
    'Tổng đài 1022',
    'Chi phí 150.000.000 đồng',
    'Hỗ trợ 2.000.000.000 đồng cho 120 hộ',
    'Ngày 12/03/2026 lúc 08:30',
    'Số nhà 123, tổ 4, năm 2026',
    'Mã phản ánh PA-00004-260105-0007',
    'Hồ sơ 000.00.12.H42-250701-0001',
    'Mã bưu chính 100000, diện tích 1234567 m2',
    'Số 1234567890 không phải điện thoại',
    '0123456789 không phải số di động',
  ])('keeps %s', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe('ID numbers', () => {
  it.each([
    ['CCCD 001203004567 cấp ngày 1/1/2021', `CCCD ${ID} cấp ngày 1/1/2021`],
    ['số 001203004567.', `số ${ID}.`],
    ['CMND 123456789', `CMND ${ID}`],
    ['chứng minh 123456789 cũ', `chứng minh ${ID} cũ`],
    ['CCCD số 001 203 004 567', `CCCD số ${ID}`],
    ['CCCD: 001.203.004.567', `CCCD: ${ID}`],
    ['căn cước công dân 001203004567', `căn cước công dân ${ID}`],
    ['cmnd 123 456 789', `cmnd ${ID}`],
    ['chứng minh nhân dân số 123.456.789', `chứng minh nhân dân số ${ID}`],
  ])('%s → %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    'Kinh phí 150.000.000 đồng',
    'Kinh phí 150 000 000 đồng',
    'Số 12345678 và 1234567890',
    'CCCD 12345 chưa đủ số',
  ])('keeps %s', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['Gửi nguyenvana@gmail.com giúp', `Gửi ${E} giúp`],
    ['Email: A.B+phananh@sub.xa.gov.vn.', `Email: ${E}.`],
    ['<lan_1990@yahoo.com.vn>', `<${E}>`],
    ['hai: a@b.vn, c-d@e.com', `hai: ${E}, ${E}`],
  ])('%s → %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each(['Gặp nhau @ UBND', 'giá 5@10 nghìn'])('keeps %s', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe('names', () => {
  it.each([
    ['Tôi là Nguyễn Văn An, ở thôn 3', ['Nguyễn Văn An'], `Tôi là ${N}, ở thôn 3`],
    ['NGUYỄN VĂN AN phản ánh', ['Nguyễn Văn An'], `${N} phản ánh`],
    ['Nguyen Van An phản ánh', ['Nguyễn Văn An'], `${N} phản ánh`],
    ['Nguyễn  Văn\nAn phản ánh', ['Nguyễn Văn An'], `${N} phản ánh`],
    ['Ký tên: Nguyễn Văn An', ['  Nguyễn   Văn An '], `Ký tên: ${N}`],
    ['Nguyễn Văn Anh khác người', ['Nguyễn Văn An'], 'Nguyễn Văn Anh khác người'],
    ['Trần Thị Bé và Lê Văn Tám', ['Trần Thị Bé', 'Lê Văn Tám'], `${N} và ${N}`],
    // Decomposed input (combining marks) is matched too.
    ['Tôi là Nguye\u0302\u0303n Va\u0306n An', ['Nguyễn Văn An'], `Tôi là ${N}`],
  ])('%s with %o → %s', (text, names, masked) => {
    expect(maskPersonalData(text, { names })).toBe(masked);
  });

  it.each([
    ['Tôi gặp ông Trần Văn Bình hôm qua', `Tôi gặp ông ${N} hôm qua`],
    ['bà Lê Thị Hoa bán hàng lấn chiếm vỉa hè', `bà ${N} bán hàng lấn chiếm vỉa hè`],
    ['nhà anh Tuấn xả rác', `nhà anh ${N} xả rác`],
    ['chị Mai và cô Hạnh đã báo', `chị ${N} và cô ${N} đã báo`],
    ['chú Ba, bác Năm, cụ Tư', `chú ${N}, bác ${N}, cụ ${N}`],
    ['Ông Nguyễn Văn A xây trái phép.', `Ông ${N} xây trái phép.`],
    ['Hôm qua. Bà Lan đổ rác ra đường', `Hôm qua. Bà ${N} đổ rác ra đường`],
    ['- Anh Hùng đã đồng ý', `- Anh ${N} đã đồng ý`],
    ['ông Đặng Quốc Ánh', `ông ${N}`],
  ])('%s → %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    'Đèn đường Bà Triệu bị hỏng',
    'Ngã tư đường Ông Ích Khiêm',
    'Tỉnh Bà Rịa cũ nay sáp nhập',
    'Đi ra đảo Cô Tô',
    'Ở gần chợ Bà Chiểu',
    'Đề nghị ông Chủ tịch xã trả lời',
    'bà Trưởng thôn đã biết',
    'ông Phó Chủ tịch UBND',
    'anh Công an xã đến',
    'anh em trong xóm, ông bà già yếu',
    'Gia đình tôi có ông bà',
    'Nhà văn hóa thôn Bà Đen cũ',
  ])('keeps %s', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe('what the caller knows', () => {
  it.each([
    ['liên hệ 912 345 678', { phones: ['0912345678'] }, `liên hệ ${P}`],
    ['liên hệ 0912345678', { phones: ['+84 912 345 678'] }, `liên hệ ${P}`],
    ['mail Lan.Nguyen@Example.org', { emails: ['lan.nguyen@example.org'] }, `mail ${E}`],
    ['ký: Hoàng Thị Lan', { names: ['Hoàng Thị Lan'] }, `ký: ${N}`],
  ] as [string, KnownPersonalData, string][])('%s with %o → %s', (text, known, masked) => {
    expect(maskPersonalData(text, known)).toBe(masked);
  });

  it('ignores empty or too short known values', () => {
    expect(maskPersonalData('a b c 12', { names: ['', ' ', 'a'], phones: ['12'], emails: ['x'] })).toBe(
      'a b c 12',
    );
  });
});

describe('a whole report', () => {
  const text =
    'Kính gửi UBND xã. Tôi là Phạm Văn Đức (CCCD 034090001234), SĐT 0987.654.321, email duc.pham@gmail.com. ' +
    'Ông Lý Văn Hải ở xóm 2 đổ phế thải ra đường Bà Triệu từ ngày 05/01/2026, khối lượng khoảng 12 m3. ' +
    'Đề nghị ông Chủ tịch xã xử lý; chi phí dọn dẹp ước 3.500.000 đồng.';
  const masked = maskPersonalData(text, { names: ['Phạm Văn Đức'], phones: ['0987654321'] });

  it('removes every personal datum and keeps the rest', () => {
    expect(masked).toBe(
      `Kính gửi UBND xã. Tôi là ${N} (CCCD ${ID}), SĐT ${P}, email ${E}. ` +
        `Ông ${N} ở xóm 2 đổ phế thải ra đường Bà Triệu từ ngày 05/01/2026, khối lượng khoảng 12 m3. ` +
        'Đề nghị ông Chủ tịch xã xử lý; chi phí dọn dẹp ước 3.500.000 đồng.',
    );
  });

  it('is stable when applied again', () => {
    expect(maskPersonalData(masked, { names: ['Phạm Văn Đức'] })).toBe(masked);
  });

  it('keeps text without personal data unchanged', () => {
    const plain = 'Đèn đường ở ngã ba thôn Đông bị hỏng 3 ngày nay, trời tối rất nguy hiểm.';
    expect(maskPersonalData(plain)).toBe(plain);
    expect(maskPersonalData('')).toBe('');
  });

  it('masks every repetition in a long text', () => {
    const long = `${text} `.repeat(40);
    const out = maskPersonalData(long);
    expect(out.includes('0987')).toBe(false);
    expect(out.split(P).length - 1).toBe(40);
  });
});
