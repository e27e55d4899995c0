/**
 * Pure mapping between XãSố's feedback and Open311 GeoReport v2 objects (no I/O): a category → a service, a report →
 * a service request as the public may see it, the two statuses, the w3 date-times (Vietnam time, +07:00).
 *
 * What the public sees (GET requests): never the reporter's name, phone or e-mail. Every report of the commune is
 * listed with its code, service, status, dates, responsible body and deadlines; its content (description with
 * personal data masked by domain/masking.ts — the reporter's own name and contacts included —, place, point, media)
 * and answer only once published, as on the public pages (public-list.ts). A report the reporter asked to keep
 * private, and denunciations and complaints (the Law on Denunciation 2018 keeps the denouncer and the content
 * confidential), never show content.
 */
import {
  FEEDBACK_STATES,
  type FeedbackCategory,
  type FeedbackState,
  OPEN_FEEDBACK_STATES,
} from '../../../../common/api/feedback';
import {
  OPEN311_MAX_DESCRIPTION,
  type Open311Request,
  type Open311Service,
  type Open311Status,
} from '../../../../common/api/open311';
import { maskPersonalData } from '../../../../common/masking';
import type { Lang } from '../../../http/errors';

const OPEN = new Set<string>(OPEN_FEEDBACK_STATES);

/**
 * open: still being handled (received, accepted, assigned, answer pending, reopened, split, escalated);
 * closed: answered, closed, rejected (out of scope) or merged into another report.
 */
export function open311Status(state: FeedbackState): Open311Status {
  return OPEN.has(state) ? 'open' : 'closed';
}

/** The XãSố states an Open311 status stands for. */
export function statesOf(status: Open311Status): FeedbackState[] {
  return FEEDBACK_STATES.filter((s) => open311Status(s) === status);
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** w3 date-time in Vietnam time: 2026-12-03T21:54:05+07:00. */
export function w3DateTime(d: Date): string {
  return `${new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** A due date (the whole day counts): its last second, Vietnam time. */
export function endOfDay(isoDate: string): string {
  return `${isoDate}T23:59:59+07:00`;
}

/**
 * A w3 date-time as the specification requires it (a timezone, Z or ±HH:MM, must be present) → Date; also a bare
 * date (YYYY-MM-DD, read as the start of that day in Vietnam). Null when malformed.
 */
export function parseW3DateTime(s: string): Date | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(
      s.trim(),
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, zone] = m;
  if (h !== undefined && zone === undefined) return null;
  const offset = zone === undefined ? '+07:00' : zone;
  const text = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${sec ?? '00'}${offset === 'Z' ? 'Z' : offset}`;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  // Reject rolled-over days (2026-02-31 → March 3).
  const local = new Date(date.getTime() + offsetMs(offset));
  if (local.getUTCDate() !== Number(d) || local.getUTCMonth() + 1 !== Number(mo)) return null;
  return date;
}

function offsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [h, m] = zone.slice(1).split(':').map(Number);
  return sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}

const KIND_KEYWORDS: Record<FeedbackCategory['kind'], string[]> = {
  feedback: ['phản ánh', 'kiến nghị', 'feedback'],
  denunciation: ['tố cáo', 'denunciation'],
  complaint: ['khiếu nại', 'complaint'],
};

function daysText(n: number, kind: FeedbackCategory['daysKind'], lang: Lang): string {
  if (lang === 'en') return `${n} ${kind === 'working' ? 'working ' : ''}day${n === 1 ? '' : 's'}`;
  return `${n} ngày${kind === 'working' ? ' làm việc' : ''}`;
}

/** What the commune will do and by when (the category's deadlines). */
export function serviceNotice(c: FeedbackCategory, lang: Lang): string {
  return lang === 'en'
    ? `Classified within ${daysText(c.transferDays, c.daysKind, lang)}; answered within ${daysText(c.answerDays, c.daysKind, lang)} of acceptance.`
    : `Phân loại trong ${daysText(c.transferDays, c.daysKind, lang)}; trả lời trong ${daysText(c.answerDays, c.daysKind, lang)} kể từ khi thụ lý.`;
}

export function open311Service(c: FeedbackCategory, lang: Lang): Open311Service {
  const keywords = [...new Set([c.nameVi, c.nameEn, c.key, ...KIND_KEYWORDS[c.kind]])];
  return {
    service_code: c.key,
    service_name: lang === 'en' ? c.nameEn : c.nameVi,
    description: (lang === 'en' ? c.descriptionEn : c.descriptionVi) ?? null,
    metadata: false,
    type: 'realtime',
    keywords: keywords.join(', '),
    group: c.kind,
  };
}

/** The line a posted media_url is kept on, at the end of the content (the report has no column for it). */
export const MEDIA_LINE = 'media_url: ';

export function contentWithMedia(description: string, mediaUrl: string | null): string {
  return mediaUrl ? `${description}\n\n${MEDIA_LINE}${mediaUrl}` : description;
}

/** The content without its media_url line, and that URL. */
export function splitMedia(content: string): { text: string; mediaUrl: string | null } {
  const m = /\n*^media_url: (https?:\/\/\S+)\s*$/m.exec(content);
  if (!m) return { text: content, mediaUrl: null };
  return { text: (content.slice(0, m.index) + content.slice(m.index + m[0].length)).trim(), mediaUrl: m[1]! };
}

/** The report's fields GET requests reads. */
export interface RequestSource {
  code: string;
  state: FeedbackState;
  content: string;
  placeText: string | null;
  placeResolved: string | null;
  latitude: number | null;
  longitude: number | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
  isPrivate: boolean;
  assignedBody: string | null;
  receivedAt: Date;
  updatedAt: Date;
  answeredAt: Date | null;
  closedAt: Date | null;
  answerDueDate: string | null;
  answerPublicText: string | null;
  publishedAt: Date | null;
  rejectReason: string | null;
  mergedIntoCode: string | null;
  category: FeedbackCategory;
  /** Public address of the first photo of a published report, if any. */
  photoUrl: string | null;
}

const STATE_NOTES: Record<FeedbackState, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận, đang phân loại.', en: 'Received; being classified.' },
  accepted: { vi: 'Đã thụ lý, đang xử lý.', en: 'Accepted; being handled.' },
  assigned: { vi: 'Đã giao cán bộ xử lý.', en: 'Assigned to an official.' },
  answer_pending: {
    vi: 'Đã có dự thảo trả lời, chờ lãnh đạo duyệt.',
    en: "An answer is drafted, awaiting the leader's approval.",
  },
  answered: { vi: 'Đã trả lời người phản ánh.', en: 'Answered to the reporter.' },
  closed: { vi: 'Đã kết thúc.', en: 'Closed.' },
  rejected: { vi: 'Không thụ lý.', en: 'Not accepted (out of scope).' },
  reopened: {
    vi: 'Người phản ánh cho biết chưa được giải quyết; đang xử lý lại.',
    en: 'The reporter said it is not resolved; being handled again.',
  },
  split: {
    vi: 'Đã tách để các cơ quan cùng xử lý.',
    en: 'Split so that several bodies handle it.',
  },
  merged: { vi: 'Trùng với một phản ánh khác.', en: 'Duplicate of another report.' },
  escalated: { vi: 'Đã chuyển lên tỉnh xử lý.', en: 'Escalated to the province.' },
};

/**
 * Content (description, place, point, media, answer) is shown as the public pages show it: once the report is
 * published, unless the reporter asked for privacy; never for denunciations and complaints (confidential by law).
 * Otherwise only code, service, status, dates, the responsible body and the deadlines are shown.
 */
export function isRestricted(r: Pick<RequestSource, 'isPrivate' | 'category' | 'publishedAt'>): boolean {
  return !r.publishedAt || r.isPrivate || r.category.kind !== 'feedback';
}

function masked(text: string, r: RequestSource): string {
  return maskPersonalData(text, {
    names: r.reporterName ? [r.reporterName] : [],
    phones: r.reporterPhone ? [r.reporterPhone] : [],
    emails: r.reporterEmail ? [r.reporterEmail] : [],
  });
}

function statusNotes(r: RequestSource, restricted: boolean, lang: Lang): string {
  const base = STATE_NOTES[r.state][lang];
  if (r.state === 'merged' && r.mergedIntoCode)
    return lang === 'en' ? `Duplicate of ${r.mergedIntoCode}.` : `Trùng với phản ánh ${r.mergedIntoCode}.`;
  if (restricted) return base;
  if ((r.state === 'answered' || r.state === 'closed') && r.publishedAt && r.answerPublicText)
    return r.answerPublicText;
  if (r.state === 'rejected' && r.rejectReason) return `${base} ${masked(r.rejectReason, r)}`;
  return base;
}

export function open311Request(r: RequestSource, lang: Lang): Open311Request {
  const restricted = isRestricted(r);
  const status = open311Status(r.state);
  const { text, mediaUrl } = splitMedia(r.content);
  const place = r.placeResolved ?? r.placeText;
  return {
    service_request_id: r.code,
    status,
    status_notes: statusNotes(r, restricted, lang),
    service_name: lang === 'en' ? r.category.nameEn : r.category.nameVi,
    service_code: r.category.key,
    description: restricted ? null : masked(text, r).slice(0, OPEN311_MAX_DESCRIPTION),
    agency_responsible: r.assignedBody ?? r.category.responsibleBody ?? null,
    service_notice: serviceNotice(r.category, lang),
    requested_datetime: w3DateTime(r.receivedAt),
    updated_datetime: w3DateTime(
      status === 'closed' ? (r.closedAt ?? r.answeredAt ?? r.updatedAt) : r.updatedAt,
    ),
    expected_datetime: r.answerDueDate ? endOfDay(r.answerDueDate) : null,
    address: restricted || !place ? null : masked(place, r),
    lat: restricted ? null : r.latitude,
    long: restricted ? null : r.longitude,
    media_url: restricted ? null : (r.photoUrl ?? mediaUrl),
  };
}
