/**
 * Biên bản and the meeting's documents as printed (Decree 30/2020, domain-vn.md §6b), built from the record of the
 * meeting: pure, no I/O. The PDF (minutes-pdf.ts) and the DOCX (minutes-docx.ts) render the same `PrintedDoc`, so
 * both carry the same text.
 */
import { DOC_TYPE_NAMES, type MeetingDocType, type MinutesContent } from '../../../common/api/meeting-after';
import { signatureTitle } from '../org/announcement';
import { issuingBodyLines, placeDateLine } from '../org/document-format';
import { splitCommuneName } from '../org/template';

export const REHEARSAL_MARK = 'DIỄN TẬP';
export const DRAFT_MARK = 'DỰ THẢO';

export interface Block {
  kind: 'heading' | 'paragraph' | 'bullet' | 'note';
  text: string;
}

/** Everything a renderer needs: header, title, body blocks, signatures, marks on every page. */
export interface PrintedDoc {
  /** Top left: the issuing body, two upper-case lines. */
  issuerLines: [string, string];
  /** "Số: 01/BB-HĐND", "Số:      /BB-HĐND" (not numbered yet) or "Số: DIỄN TẬP" (rehearsal). */
  numberLine: string;
  /** Top right: the national title, or the Party's for Party bodies. */
  nationalLines: [string, string];
  placeDate: string;
  title: string;
  subtitle: string | null;
  blocks: Block[];
  /** One (documents: right) or two (minutes: secretary left, chair right). */
  signatures: { heading: string; name: string }[];
  recipients: string[] | null;
  /** Marks printed on every page: DIỄN TẬP (rehearsal), DỰ THẢO (draft). */
  marks: string[];
  /** The file's metadata title. */
  fileTitle: string;
}

export const STATE_TITLE: [string, string] = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
];
export const PARTY_TITLE: [string, string] = ['ĐẢNG CỘNG SẢN VIỆT NAM', ''];

/** The issuing body's two lines for an issuer abbreviation (meeting_bodies.issuer). */
export function issuerLines(issuer: string, communeName: string, bodyName: string): [string, string] {
  const commune = communeName.toLocaleUpperCase('vi');
  if (issuer === 'UBND') return issuingBodyLines(communeName);
  if (issuer === 'HĐND') return ['HỘI ĐỒNG NHÂN DÂN', commune];
  if (issuer === 'ĐU') return [`ĐẢNG BỘ ${commune}`, `ĐẢNG ỦY ${commune}`];
  return [commune, bodyName.toLocaleUpperCase('vi')];
}

export const isPartyIssuer = (issuer: string) => issuer === 'ĐU';

/**
 * The signature heading of a meeting document from the signer's titles on the issue date: collective bodies sign
 * "TM." (thay mặt) the body; the UBND part reuses the announcement's rule (org signatureTitle).
 */
export function meetingSignerTitle(issuer: string, titles: string[]): string {
  const folded = titles.map((t) => t.normalize('NFC').toLowerCase());
  const has = (prefix: string) => folded.some((t) => t.startsWith(prefix));
  if (issuer === 'HĐND') {
    if (has('chủ tịch hđnd')) return 'TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH';
    if (has('phó chủ tịch hđnd')) return 'TM. HỘI ĐỒNG NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH';
    return 'TM. HỘI ĐỒNG NHÂN DÂN';
  }
  if (issuer === 'UBND') {
    const own = signatureTitle(titles);
    return own.startsWith('TM.') ? own : `TM. ỦY BAN NHÂN DÂN\n${own}`;
  }
  if (issuer === 'ĐU') {
    if (has('bí thư')) return 'T/M ĐẢNG ỦY\nBÍ THƯ';
    if (has('phó bí thư')) return 'T/M ĐẢNG ỦY\nPHÓ BÍ THƯ';
    return 'T/M ĐẢNG ỦY';
  }
  return (titles[0] ?? '').toLocaleUpperCase('vi');
}

/** "08 giờ 05" in Vietnam's time (UTC+7). */
export function clockVi(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  return `${String(local.getUTCHours()).padStart(2, '0')} giờ ${String(local.getUTCMinutes()).padStart(2, '0')}`;
}
/** "08:05" in Vietnam's time. */
export function clockShort(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  return local.toISOString().slice(11, 16);
}
/** "ngày 20 tháng 6 năm 2025". */
export function dateVi(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `ngày ${d < 10 ? `0${d}` : d} tháng ${m <= 2 ? `0${m}` : m} năm ${y}`;
}

// ——— The record of a meeting (loaded by minutes.ts) ———

export interface ParticipantRecord {
  role: 'member' | 'guest' | string;
  fullName: string;
  title: string | null;
  response: string;
  apologyReason: string | null;
  checkedInAt: Date | null;
  leftAt: Date | null;
}

export interface VoteRecord {
  voteType: 'open' | 'secret' | 'election' | string;
  method: string;
  question: string;
  status: string;
  outcome: string | null;
  /** meeting_votes.result: counts, required, passed, explanation {vi,en} (rules.ts); null while open. */
  result: unknown;
  /** Secret ballots and elections: the anonymous tallies (choice → count). */
  tallies: { choice: string; count: number }[];
  candidates: { id: string; fullName: string; positionTitle: string; elected: boolean | null }[];
}

export interface ItemRecord {
  id: string;
  position: number;
  title: string;
  presenterName: string | null;
  decision: string;
  notes: string | null;
  speeches: { speakerName: string; startedAt: Date; endedAt: Date | null }[];
  votes: VoteRecord[];
}

export interface MeetingRecord {
  meeting: {
    id: string;
    title: string;
    kind: string;
    rehearsal: boolean;
    meetingDate: string;
    startsAt: Date;
    openedAt: Date | null;
    closedAt: Date | null;
    place: string;
    status: string;
  };
  communeName: string;
  body: { name: string; kind: string; issuer: string; seats: number | null };
  chair: { fullName: string; titles: string[] } | null;
  participants: ParticipantRecord[];
  items: ItemRecord[];
  documents: { docType: string; title: string; number: string | null; status: string }[];
}

export function emptyContent(): MinutesContent {
  return { opening: '', items: {}, conclusion: '', closing: '', secretaryName: '' };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The counts of a closed vote: from its result, else (secret ballots) from its tallies. */
export function voteCounts(v: VoteRecord): {
  for: number;
  against: number;
  abstain: number;
  invalid: number;
} {
  const counts = obj(obj(v.result).counts);
  const tally = (c: string) => v.tallies.find((t) => t.choice === c)?.count ?? 0;
  const pick = (k: 'for' | 'against' | 'abstain' | 'invalid') => num(counts[k]) ?? tally(k);
  return { for: pick('for'), against: pick('against'), abstain: pick('abstain'), invalid: pick('invalid') };
}

/** Paper ballots (meeting_votes.result.paper): "Số phiếu phát ra 6, thu vào 6, hợp lệ 5, không hợp lệ 1." */
function paperLine(result: Record<string, unknown>): Block[] {
  const paper = obj(result.paper);
  const issued = num(paper.ballotsIssued);
  const returned = num(paper.ballotsReturned);
  if (issued === null || returned === null) return [];
  return [
    {
      kind: 'paragraph',
      text: `Số phiếu phát ra ${issued}, số phiếu thu vào ${returned}, hợp lệ ${num(paper.valid) ?? 0}, không hợp lệ ${num(paper.invalid) ?? 0}.`,
    },
  ];
}

function voteBlocks(v: VoteRecord): Block[] {
  const result = obj(v.result);
  const explanation = obj(result.explanation);
  const why = typeof explanation.vi === 'string' ? ` ${explanation.vi}` : '';
  const required = num(result.required);
  if (v.status !== 'closed') return [{ kind: 'paragraph', text: `${v.question}: đang biểu quyết.` }];
  if (v.voteType === 'election') {
    const out: Block[] = [
      {
        kind: 'paragraph',
        text: `Bầu cử bằng phiếu kín: ${v.question}.${required ? ` Số phiếu cần đạt: ${required}.` : ''}`,
      },
      ...paperLine(result),
    ];
    for (const c of v.candidates) {
      const votes = v.tallies.find((t) => t.choice === `approve:${c.id}`)?.count ?? 0;
      const verdict =
        c.elected === true ? 'trúng cử' : c.elected === false ? 'không trúng cử' : 'chưa có kết quả';
      out.push({ kind: 'bullet', text: `${c.fullName} (${c.positionTitle}): ${votes} phiếu — ${verdict}.` });
    }
    const invalid = v.tallies.find((t) => t.choice === 'invalid')?.count ?? 0;
    if (invalid) out.push({ kind: 'bullet', text: `Phiếu không hợp lệ: ${invalid}.` });
    if (why) out.push({ kind: 'note', text: why.trim() });
    return out;
  }
  const c = voteCounts(v);
  const notVoting = num(obj(result.counts).notVoting) ?? 0;
  const passed = result.passed === true || v.outcome === 'passed';
  const head =
    v.voteType === 'secret'
      ? `Bỏ phiếu kín: ${v.question}. Kết quả kiểm phiếu: đồng ý ${c.for} phiếu, không đồng ý ${c.against} phiếu, không biểu quyết ${c.abstain} phiếu${c.invalid ? `, không hợp lệ ${c.invalid} phiếu` : ''}.`
      : `Biểu quyết công khai: ${v.question}. Tán thành ${c.for}, không tán thành ${c.against}, không biểu quyết ${c.abstain}${notVoting ? `; có mặt nhưng không tham gia biểu quyết ${notVoting}` : ''}.`;
  return [
    { kind: 'paragraph', text: head },
    ...(v.voteType === 'secret' ? paperLine(result) : []),
    {
      kind: 'paragraph',
      text: `Kết quả: ${passed ? 'THÔNG QUA' : 'KHÔNG THÔNG QUA'}${required !== null ? ` (cần ít nhất ${required} phiếu tán thành)` : ''}.${why}`,
    },
  ];
}

const KIND_VI: Record<string, string> = {
  first_session: 'kỳ họp thứ nhất',
  regular: 'kỳ họp thường lệ',
  thematic: 'kỳ họp chuyên đề',
  extraordinary: 'kỳ họp bất thường',
  regular_monthly: 'phiên họp thường kỳ',
};

/** The generated text of the minutes: the record plus the secretary's editable parts. */
export function minutesBlocks(r: MeetingRecord, content: MinutesContent): Block[] {
  const m = r.meeting;
  const b: Block[] = [];
  const p = (text: string) => b.push({ kind: 'paragraph', text });
  const li = (text: string) => b.push({ kind: 'bullet', text });
  const h = (text: string) => b.push({ kind: 'heading', text });

  h('I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN');
  p(`Thời gian: bắt đầu lúc ${clockVi(m.openedAt ?? m.startsAt)}, ${dateVi(m.meetingDate)}.`);
  p(`Địa điểm: ${m.place}.`);
  p(`Hình thức: ${KIND_VI[m.kind] ?? m.kind} của ${r.body.name}.`);
  p(
    `Chủ tọa: ${r.chair ? `${r.chair.fullName}${r.chair.titles.length ? `, ${r.chair.titles.join(', ')}` : ''}` : '…'}.`,
  );
  p(`Thư ký: ${content.secretaryName.trim() || '…'}.`);

  const members = r.participants.filter((x) => x.role === 'member');
  const present = members.filter((x) => x.checkedInAt);
  const absent = members.filter((x) => !x.checkedInAt);
  const excused = absent.filter((x) => x.response === 'apologised');
  const unexcused = absent.filter((x) => x.response !== 'apologised');
  const seats = r.body.seats ?? members.length;
  p(
    `Thành phần: tổng số ${seats} đại biểu (thành viên)${seats > members.length ? `, ${seats - members.length} chỗ khuyết` : ''}; ` +
      `có mặt ${present.length}; vắng có lý do ${excused.length}; vắng không có lý do ${unexcused.length}.`,
  );
  if (present.length) {
    p('Có mặt:');
    const late = m.openedAt ?? m.startsAt;
    for (const x of present) {
      const notes: string[] = [];
      if (x.checkedInAt && x.checkedInAt.getTime() > late.getTime())
        notes.push(`đến muộn lúc ${clockShort(x.checkedInAt)}`);
      if (x.leftAt) notes.push(`về sớm lúc ${clockShort(x.leftAt)}`);
      li(`${x.fullName}${x.title ? `, ${x.title}` : ''}${notes.length ? ` (${notes.join('; ')})` : ''}.`);
    }
  }
  if (excused.length) {
    p('Vắng có lý do:');
    for (const x of excused) li(`${x.fullName}${x.apologyReason ? ` — lý do: ${x.apologyReason}` : ''}.`);
  }
  if (unexcused.length) {
    p('Vắng không có lý do:');
    for (const x of unexcused) li(`${x.fullName}.`);
  }
  const guests = r.participants.filter((x) => x.role === 'guest');
  if (guests.length) {
    p('Khách mời:');
    for (const x of guests)
      li(`${x.fullName}${x.title ? `, ${x.title}` : ''}${x.checkedInAt ? '' : ' (vắng)'}.`);
  }

  h('II. NỘI DUNG');
  if (content.opening.trim()) p(content.opening.trim());
  for (const [i, item] of r.items.entries()) {
    b.push({ kind: 'heading', text: `${i + 1}. ${item.title}` });
    if (item.presenterName) p(`Trình bày: ${item.presenterName}.`);
    if (item.speeches.length) {
      p('Phát biểu:');
      for (const s of item.speeches)
        li(`${s.speakerName} (${clockShort(s.startedAt)}${s.endedAt ? `–${clockShort(s.endedAt)}` : ''}).`);
    }
    if (item.notes?.trim()) p(`Ý kiến ghi nhận: ${item.notes.trim()}`);
    const opinions = content.items[item.id]?.opinions.trim();
    if (opinions) p(opinions);
    for (const v of item.votes) for (const x of voteBlocks(v)) b.push(x);
  }

  const adopted = r.documents.filter((d) => d.status === 'issued');
  if (adopted.length) {
    h('III. VĂN BẢN ĐƯỢC THÔNG QUA, BAN HÀNH');
    for (const d of adopted) {
      const name = DOC_TYPE_NAMES[d.docType as MeetingDocType]?.vi ?? d.docType;
      li(`${name} ${d.number ? `số ${d.number}` : `(${REHEARSAL_MARK})`}: ${d.title}.`);
    }
  }
  if (content.conclusion.trim()) {
    h(adopted.length ? 'IV. KẾT LUẬN' : 'III. KẾT LUẬN');
    p(content.conclusion.trim());
  }
  const end = m.closedAt ? `${r.meeting.title} kết thúc lúc ${clockVi(m.closedAt)} cùng ngày.` : '';
  if (end) p(end);
  if (content.closing.trim()) p(content.closing.trim());
  return b;
}

/** The printed minutes: `number` is the BB number taken at locking (null before, and always for rehearsals). */
export function minutesDoc(
  r: MeetingRecord,
  content: MinutesContent,
  state: { number: string | null; locked: boolean },
): PrintedDoc {
  const issuer = r.body.issuer;
  const marks = [...(r.meeting.rehearsal ? [REHEARSAL_MARK] : []), ...(state.locked ? [] : [DRAFT_MARK])];
  return {
    issuerLines: issuerLines(issuer, r.communeName, r.body.name),
    numberLine: numberLine(state.number, 'BB', issuer, r.meeting.rehearsal),
    nationalLines: isPartyIssuer(issuer) ? PARTY_TITLE : STATE_TITLE,
    placeDate: placeDateLine(r.communeName, r.meeting.meetingDate),
    title: 'BIÊN BẢN',
    subtitle: r.meeting.title,
    blocks: minutesBlocks(r, content),
    signatures: [
      { heading: 'THƯ KÝ', name: content.secretaryName.trim() },
      { heading: 'CHỦ TỌA', name: r.chair?.fullName ?? '' },
    ],
    recipients: null,
    marks,
    fileTitle: `Biên bản${state.number ? ` ${state.number}` : ''} — ${r.meeting.title}`,
  };
}

export function numberLine(
  number: string | null,
  docType: string,
  issuer: string,
  rehearsal: boolean,
): string {
  if (rehearsal) return `Số: ${REHEARSAL_MARK}`;
  return number ? `Số: ${number}` : `Số:      /${docType}-${issuer}`;
}

export interface DocumentFacts {
  docType: MeetingDocType;
  title: string;
  content: string;
  status: 'draft' | 'issued' | string;
  number: string | null;
  issuedOn: string | null;
  signerName: string | null;
  signerTitle: string | null;
}

/** A resolution, decision, conclusion or announcement of a meeting as printed. */
export function documentDoc(
  d: DocumentFacts,
  ctx: { communeName: string; bodyName: string; issuer: string; rehearsal: boolean; meetingTitle: string },
): PrintedDoc {
  const marks = [...(ctx.rehearsal ? [REHEARSAL_MARK] : []), ...(d.status === 'issued' ? [] : [DRAFT_MARK])];
  const place = splitCommuneName(ctx.communeName).place;
  const blocks: Block[] = d.content
    .split(/\n{2,}|\r?\n/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map(
      (text) => ({ kind: /^(Điều|Chương|Mục)\s+\d+/u.test(text) ? 'heading' : 'paragraph', text }) as Block,
    );
  return {
    issuerLines: issuerLines(ctx.issuer, ctx.communeName, ctx.bodyName),
    numberLine: numberLine(d.number, d.docType, ctx.issuer, ctx.rehearsal),
    nationalLines: isPartyIssuer(ctx.issuer) ? PARTY_TITLE : STATE_TITLE,
    placeDate: d.issuedOn ? placeDateLine(ctx.communeName, d.issuedOn) : `${place}, ngày      tháng      năm`,
    title: DOC_TYPE_NAMES[d.docType].vi.toLocaleUpperCase('vi'),
    subtitle: d.title,
    blocks,
    signatures: [{ heading: d.signerTitle ?? '', name: d.signerName ?? '' }],
    recipients: ['Như trên', 'Lưu: VT'],
    marks,
    fileTitle: `${DOC_TYPE_NAMES[d.docType].vi}${d.number ? ` ${d.number}` : ''} — ${d.title}`,
  };
}
