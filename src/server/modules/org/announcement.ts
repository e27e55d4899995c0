/**
 * Rules of the assignment announcement (thông báo phân công nhiệm vụ): draft → issued → superseded, exactly one
 * current per commune, what a draft may contain and what issuing needs. Pure: facts in, problems out.
 */
import { checkDocumentNumber, NUMBER_MESSAGES } from './document-format';

export type AnnouncementStatus = 'draft' | 'issued' | 'superseded';

/** One area of responsibility: an official in charge and (optionally) a deputy. */
export interface AssignmentItem {
  areaCode: string;
  label: string;
  inChargeId: string | null;
  deputyId: string | null;
  duties: string;
}

export interface Problem {
  field: string;
  message: { vi: string; en: string };
}

export interface OfficialFacts {
  communeCode: string;
  status: 'active' | 'transferred' | 'retired';
}

export const MAX_ITEMS = 100;

/** Only a draft may change; issued and superseded announcements are records. */
export function canEdit(status: AnnouncementStatus): boolean {
  return status === 'draft';
}

/** What is wrong with a draft's items; `complete` also requires every area to have someone in charge. */
export function checkItems(
  items: AssignmentItem[],
  communeCode: string,
  officials: ReadonlyMap<string, OfficialFacts>,
  options: { complete: boolean; field?: string },
): Problem[] {
  const base = options.field ?? 'body.items';
  const problems: Problem[] = [];
  const seen = new Set<string>();
  if (options.complete && items.length === 0) {
    problems.push({
      field: base,
      message: {
        vi: 'Thông báo phải có ít nhất một lĩnh vực.',
        en: 'An announcement needs at least one area.',
      },
    });
  }
  items.forEach((item, i) => {
    const at = `${base}.${i}`;
    if (seen.has(item.areaCode)) {
      problems.push({
        field: `${at}.areaCode`,
        message: { vi: 'Lĩnh vực bị lặp.', en: 'This area appears twice.' },
      });
    }
    seen.add(item.areaCode);
    if (options.complete && !item.inChargeId) {
      problems.push({
        field: `${at}.inChargeId`,
        message: { vi: 'Chưa có người phụ trách.', en: 'No official in charge.' },
      });
    }
    for (const key of ['inChargeId', 'deputyId'] as const) {
      const id = item[key];
      if (!id) continue;
      const o = officials.get(id);
      if (!o || o.communeCode !== communeCode) {
        problems.push({
          field: `${at}.${key}`,
          message: { vi: 'Không có cán bộ này trong xã.', en: 'No such official in this commune.' },
        });
      } else if (o.status !== 'active') {
        problems.push({
          field: `${at}.${key}`,
          message: { vi: 'Cán bộ không còn công tác tại xã.', en: 'The official no longer works here.' },
        });
      }
    }
    if (item.inChargeId && item.inChargeId === item.deputyId) {
      problems.push({
        field: `${at}.deputyId`,
        message: {
          vi: 'Người phụ trách và người phối hợp phải khác nhau.',
          en: 'The deputy must differ from the official in charge.',
        },
      });
    }
  });
  return problems;
}

export interface IssueFacts {
  communeCode: string;
  /** The number typed from paper; null: the next number of the series is taken (nothing to check here). */
  number: string | null;
  issuedOn: string;
  today: string;
  signer: OfficialFacts | undefined;
  /** The issued announcement now current, if any. */
  current: { issuedOn: string; number: string } | null;
  /** Numbers already used by this commune's announcements in the year of issuedOn. */
  numbersUsedThisYear: string[];
}

/** What stops a draft from being issued with this number, date and signer. */
export function checkIssue(f: IssueFacts): Problem[] {
  const problems: Problem[] = [];
  const numberProblem = f.number === null ? null : checkDocumentNumber(f.number, 'TB');
  if (numberProblem) problems.push({ field: 'body.number', message: NUMBER_MESSAGES[numberProblem] });
  else if (f.number !== null && f.numbersUsedThisYear.includes(f.number.trim())) {
    problems.push({
      field: 'body.number',
      message: {
        vi: `Số ${f.number} đã dùng trong năm ${f.issuedOn.slice(0, 4)}.`,
        en: `Number ${f.number} is already used in ${f.issuedOn.slice(0, 4)}.`,
      },
    });
  }
  if (f.issuedOn > f.today) {
    problems.push({
      field: 'body.issuedOn',
      message: { vi: 'Ngày ban hành không được sau hôm nay.', en: 'The issue date cannot be in the future.' },
    });
  }
  if (f.current && f.issuedOn < f.current.issuedOn) {
    problems.push({
      field: 'body.issuedOn',
      message: {
        vi: `Ngày ban hành không được trước thông báo hiện hành (${f.current.number}, ${f.current.issuedOn}).`,
        en: `The issue date cannot precede the current announcement (${f.current.number}, ${f.current.issuedOn}).`,
      },
    });
  }
  if (!f.signer || f.signer.communeCode !== f.communeCode) {
    problems.push({
      field: 'body.signerId',
      message: {
        vi: 'Người ký phải là cán bộ của xã.',
        en: 'The signer must be an official of the commune.',
      },
    });
  } else if (f.signer.status !== 'active') {
    problems.push({
      field: 'body.signerId',
      message: { vi: 'Người ký không còn công tác tại xã.', en: 'The signer no longer works here.' },
    });
  }
  return problems;
}

/** The signature block for the signer's titles (thể thức ký): the chair signs; a vice-chair signs "KT." for the chair. */
export function signatureTitle(currentTitles: string[]): string {
  const folded = currentTitles.map((t) => t.normalize('NFC').toLowerCase());
  if (folded.some((t) => t.startsWith('chủ tịch ubnd') || t === 'chủ tịch')) return 'CHỦ TỊCH';
  if (folded.some((t) => t.startsWith('phó chủ tịch ubnd'))) return 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH';
  return 'TM. ỦY BAN NHÂN DÂN';
}

/** Nơi nhận by default (Decree 30: each line starts with "-", ends with ";", the last is "Lưu: VT"). */
export const DEFAULT_RECIPIENTS = [
  'Như trên',
  'Thường trực Đảng ủy',
  'Thường trực HĐND',
  'Các cơ quan, đơn vị thuộc UBND',
  'Lưu: VT',
];

export const DEFAULT_TITLE = 'Phân công nhiệm vụ của lãnh đạo và công chức Ủy ban nhân dân';
