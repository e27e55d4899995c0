import { describe, expect, it } from 'vitest';
import {
  clockVi,
  DRAFT_MARK,
  documentDoc,
  emptyContent,
  issuerLines,
  type MeetingRecord,
  meetingSignerTitle,
  minutesBlocks,
  minutesDoc,
  numberLine,
  REHEARSAL_MARK,
  voteCounts,
} from './minutes-model';

const at = (hhmm: string) => new Date(`2025-06-20T${hhmm}:00+07:00`);

function record(over: Partial<MeetingRecord['meeting']> = {}): MeetingRecord {
  return {
    meeting: {
      id: 'm1',
      title: 'Kỳ họp thứ nhất HĐND phường Trần Phú',
      kind: 'first_session',
      rehearsal: false,
      meetingDate: '2025-06-20',
      startsAt: at('08:00'),
      openedAt: at('08:05'),
      closedAt: at('11:30'),
      place: 'Hội trường UBND phường',
      status: 'closed',
      ...over,
    },
    communeName: 'Phường Trần Phú',
    body: { name: 'Hội đồng nhân dân phường Trần Phú', kind: 'council', issuer: 'HĐND', seats: 6 },
    chair: { fullName: 'Đặng Văn Hải', titles: ['Chủ tịch HĐND'] },
    participants: [
      m('Nguyễn Thị Lan', { checkedInAt: at('07:55') }),
      m('Trần Văn Đức', { checkedInAt: at('08:40') }),
      m('Lê Văn Sơn', { checkedInAt: at('07:58'), leftAt: at('10:15') }),
      m('Phạm Thị Hoa', { response: 'apologised', apologyReason: 'Đi công tác tỉnh' }),
      m('Hoàng Văn Minh', {}),
      { ...m('Võ Thị Yến', { checkedInAt: at('07:50') }), role: 'guest', title: 'Đại diện MTTQ' },
    ],
    items: [
      {
        id: 'i1',
        position: 1,
        title: 'Bầu Chủ tịch HĐND',
        presenterName: 'Đặng Văn Hải',
        decision: 'election',
        notes: null,
        speeches: [],
        votes: [
          {
            voteType: 'election',
            method: 'paper',
            question: 'Bầu Chủ tịch HĐND phường',
            status: 'closed',
            outcome: 'held',
            result: { required: 4, explanation: { vi: 'Trúng cử khi quá nửa tổng số đại biểu.', en: '' } },
            tallies: [
              { choice: 'approve:c1', count: 4 },
              { choice: 'approve:c2', count: 1 },
            ],
            candidates: [
              { id: 'c1', fullName: 'Đặng Văn Hải', positionTitle: 'Chủ tịch HĐND', elected: true },
              { id: 'c2', fullName: 'Ngô Văn Long', positionTitle: 'Chủ tịch HĐND', elected: false },
            ],
          },
        ],
      },
      {
        id: 'i2',
        position: 2,
        title: 'Dự thảo Quy chế làm việc',
        presenterName: 'Nguyễn Thị Lan',
        decision: 'open_vote',
        notes: 'Đề nghị bổ sung Điều 5.',
        speeches: [{ speakerName: 'Lê Văn Sơn', startedAt: at('09:10'), endedAt: at('09:15') }],
        votes: [
          {
            voteType: 'open',
            method: 'electronic',
            question: 'Thông qua Quy chế làm việc',
            status: 'closed',
            outcome: 'failed',
            result: {
              counts: { for: 3, against: 0, abstain: 0, notVoting: 1 },
              required: 4,
              passed: false,
              explanation: { vi: 'Cần quá nửa tổng số 6 đại biểu.', en: 'Needs more than half of 6.' },
            },
            tallies: [],
            candidates: [],
          },
          {
            voteType: 'secret',
            method: 'paper',
            question: 'Lấy phiếu tín nhiệm',
            status: 'closed',
            outcome: 'passed',
            result: {
              required: 4,
              passed: true,
              paper: { ballotsIssued: 5, ballotsReturned: 5, valid: 4, invalid: 1 },
            },
            tallies: [
              { choice: 'for', count: 4 },
              { choice: 'against', count: 0 },
              { choice: 'invalid', count: 1 },
            ],
            candidates: [],
          },
        ],
      },
    ],
    documents: [
      { docType: 'NQ', title: 'Quy chế làm việc', number: '01/NQ-HĐND', status: 'issued' },
      { docType: 'KL', title: 'Kết luận dự thảo', number: null, status: 'draft' },
    ],
  };
}
function m(fullName: string, over: Partial<MeetingRecord['participants'][number]>) {
  return {
    role: 'member',
    fullName,
    title: 'Đại biểu HĐND',
    response: 'confirmed',
    apologyReason: null,
    checkedInAt: null,
    leftAt: null,
    ...over,
  };
}

describe('minutes generated from the record', () => {
  const text = minutesBlocks(record(), {
    ...emptyContent(),
    opening: 'Chủ tọa tuyên bố lý do.',
    items: { i2: { opinions: 'Các đại biểu thống nhất sửa Điều 5.' } },
    conclusion: 'Giao Thường trực hoàn thiện Quy chế.',
    secretaryName: 'Bùi Thị Thư',
  })
    .map((b) => b.text)
    .join('\n');

  it.each([
    ['time of opening', 'bắt đầu lúc 08 giờ 05, ngày 20 tháng 6 năm 2025'],
    ['place', 'Địa điểm: Hội trường UBND phường.'],
    ['chair with title', 'Chủ tọa: Đặng Văn Hải, Chủ tịch HĐND.'],
    ['secretary', 'Thư ký: Bùi Thị Thư.'],
    [
      'attendance counts',
      'tổng số 6 đại biểu (thành viên), 1 chỗ khuyết; có mặt 3; vắng có lý do 1; vắng không có lý do 1.',
    ],
    ['late arrival', 'Trần Văn Đức, Đại biểu HĐND (đến muộn lúc 08:40).'],
    ['early leave', 'Lê Văn Sơn, Đại biểu HĐND (về sớm lúc 10:15).'],
    ['apology with reason', 'Phạm Thị Hoa — lý do: Đi công tác tỉnh.'],
    ['absent without leave', 'Vắng không có lý do:\nHoàng Văn Minh.'],
    ['guest', 'Khách mời:\nVõ Thị Yến, Đại diện MTTQ.'],
    ['opening text', 'Chủ tọa tuyên bố lý do.'],
    ['presenter', 'Trình bày: Nguyễn Thị Lan.'],
    ['speech with time', 'Lê Văn Sơn (09:10–09:15).'],
    ['item notes', 'Ý kiến ghi nhận: Đề nghị bổ sung Điều 5.'],
    ['opinions summary', 'Các đại biểu thống nhất sửa Điều 5.'],
    [
      'open vote counts, with those present who did not vote',
      'Tán thành 3, không tán thành 0, không biểu quyết 0; có mặt nhưng không tham gia biểu quyết 1.',
    ],
    ['paper ballots', 'Số phiếu phát ra 5, số phiếu thu vào 5, hợp lệ 4, không hợp lệ 1.'],
    [
      'failed result',
      'Kết quả: KHÔNG THÔNG QUA (cần ít nhất 4 phiếu tán thành). Cần quá nửa tổng số 6 đại biểu.',
    ],
    [
      'secret ballot tallies',
      'đồng ý 4 phiếu, không đồng ý 0 phiếu, không biểu quyết 0 phiếu, không hợp lệ 1 phiếu.',
    ],
    ['election result', 'Đặng Văn Hải (Chủ tịch HĐND): 4 phiếu — trúng cử.'],
    ['not elected', 'Ngô Văn Long (Chủ tịch HĐND): 1 phiếu — không trúng cử.'],
    ['documents adopted (issued only)', 'Nghị quyết số 01/NQ-HĐND: Quy chế làm việc.'],
    ['conclusion', 'IV. KẾT LUẬN\nGiao Thường trực hoàn thiện Quy chế.'],
    ['closing time', 'kết thúc lúc 11 giờ 30 cùng ngày.'],
  ])('%s', (_what, expected) => {
    expect(text).toContain(expected);
  });

  it('lists no draft documents and no ballot of a secret vote by member', () => {
    expect(text).not.toContain('Kết luận dự thảo');
    expect(text).not.toMatch(/Trần Văn Đức.*đồng ý/);
  });

  it('reads counts from the result, else from the tallies', () => {
    const v = record().items[1]!.votes[1]!;
    expect(voteCounts(v)).toEqual({ for: 4, against: 0, abstain: 0, invalid: 1 });
  });
});

describe('printed header and marks', () => {
  it('numbers a real meeting, marks drafts, never numbers a rehearsal', () => {
    const real = minutesDoc(record(), emptyContent(), { number: '03/BB-HĐND', locked: true });
    expect(real.numberLine).toBe('Số: 03/BB-HĐND');
    expect(real.marks).toEqual([]);
    expect(real.issuerLines).toEqual(['HỘI ĐỒNG NHÂN DÂN', 'PHƯỜNG TRẦN PHÚ']);
    expect(real.nationalLines).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(real.placeDate).toBe('Trần Phú, ngày 20 tháng 6 năm 2025');
    expect(real.signatures.map((s) => s.heading)).toEqual(['THƯ KÝ', 'CHỦ TỌA']);
    const draft = minutesDoc(record(), emptyContent(), { number: null, locked: false });
    expect(draft.numberLine).toBe('Số:      /BB-HĐND');
    expect(draft.marks).toEqual([DRAFT_MARK]);
    const rehearsal = minutesDoc(record({ rehearsal: true }), emptyContent(), { number: null, locked: true });
    expect(rehearsal.numberLine).toBe(`Số: ${REHEARSAL_MARK}`);
    expect(rehearsal.marks).toEqual([REHEARSAL_MARK]);
  });

  it.each([
    ['HĐND', 'PHƯỜNG TRẦN PHÚ', 'HỘI ĐỒNG NHÂN DÂN'],
    ['UBND', 'PHƯỜNG TRẦN PHÚ', 'ỦY BAN NHÂN DÂN'],
    ['ĐU', 'ĐẢNG ỦY PHƯỜNG TRẦN PHÚ', 'ĐẢNG BỘ PHƯỜNG TRẦN PHÚ'],
  ])('issuer %s', (issuer, second, first) => {
    expect(issuerLines(issuer, 'Phường Trần Phú', 'x')).toEqual([first, second]);
  });

  it.each([
    ['HĐND', ['Chủ tịch HĐND', 'Bí thư Đảng ủy'], 'TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH'],
    ['HĐND', ['Phó Chủ tịch HĐND'], 'TM. HỘI ĐỒNG NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH'],
    ['UBND', ['Chủ tịch UBND'], 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH'],
    ['UBND', ['Phó Chủ tịch UBND'], 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH'],
    ['UBND', ['Chánh Văn phòng'], 'TM. ỦY BAN NHÂN DÂN'],
    ['ĐU', ['Bí thư Đảng ủy'], 'T/M ĐẢNG ỦY\nBÍ THƯ'],
    ['ĐU', ['Phó Bí thư Đảng ủy'], 'T/M ĐẢNG ỦY\nPHÓ BÍ THƯ'],
  ])('signer of %s with %j signs %j', (issuer, titles, heading) => {
    expect(meetingSignerTitle(issuer, titles)).toBe(heading);
  });

  it('prints a document with its type, number and "Điều" headings', () => {
    const d = documentDoc(
      {
        docType: 'NQ',
        title: 'Về Quy chế làm việc',
        content: 'Căn cứ Luật.\nĐiều 1. Thông qua Quy chế.\nĐiều 2. Hiệu lực.',
        status: 'issued',
        number: '01/NQ-HĐND',
        issuedOn: '2025-06-20',
        signerName: 'Đặng Văn Hải',
        signerTitle: 'TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH',
      },
      {
        communeName: 'Phường Trần Phú',
        bodyName: 'HĐND',
        issuer: 'HĐND',
        rehearsal: false,
        meetingTitle: 'x',
      },
    );
    expect(d.title).toBe('NGHỊ QUYẾT');
    expect(d.numberLine).toBe('Số: 01/NQ-HĐND');
    expect(d.blocks.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'heading']);
    expect(numberLine(null, 'NQ', 'HĐND', true)).toBe('Số: DIỄN TẬP');
  });

  it('tells the time in Vietnam', () => {
    expect(clockVi(new Date('2025-06-20T01:05:00Z'))).toBe('08 giờ 05');
  });
});
