/**
 * API shapes of what follows a meeting: its documents (nghị quyết, quyết định, kết luận, thông báo), the minutes
 * (biên bản: draft, comments, lock) and the follow-up tasks of its conclusions (server and web).
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

export const MEETING_DOC_TYPES = ['NQ', 'QĐ', 'KL', 'TB'] as const;
export const MeetingDocType = z.enum(MEETING_DOC_TYPES);
export type MeetingDocType = z.infer<typeof MeetingDocType>;

/** Vietnamese name of each document type (upper case in the printed title). */
export const DOC_TYPE_NAMES: Record<MeetingDocType, { vi: string; en: string }> = {
  NQ: { vi: 'Nghị quyết', en: 'Resolution' },
  QĐ: { vi: 'Quyết định', en: 'Decision' },
  KL: { vi: 'Kết luận', en: 'Conclusion' },
  TB: { vi: 'Thông báo', en: 'Announcement' },
};

export const MeetingDocument = z.object({
  id: z.string(),
  meetingId: z.string(),
  communeCode: z.string(),
  itemId: z.string().nullable(),
  voteId: z.string().nullable(),
  docType: MeetingDocType,
  title: z.string(),
  content: z.string(),
  status: z.enum(['draft', 'issued']),
  /** "01/NQ-HĐND"; null for drafts and for every document of a rehearsal. */
  number: z.string().nullable(),
  /** The meeting is a rehearsal: the document shows "DIỄN TẬP" and never takes an official number. */
  rehearsal: z.boolean(),
  issuedOn: z.string().nullable(),
  signer: z.object({ id: z.string(), fullName: z.string(), title: z.string() }).nullable(),
  createdAt: z.string(),
});
export type MeetingDocument = z.infer<typeof MeetingDocument>;

export const MeetingDocumentInput = z.object({
  docType: MeetingDocType,
  title: z.string().trim().min(3).max(500),
  content: z.string().trim().max(50_000).default(''),
  itemId: z.string().uuid().nullable().optional(),
  voteId: z.string().uuid().nullable().optional(),
});
export const MeetingDocumentChange = z.object({
  title: z.string().trim().min(3).max(500).optional(),
  content: z.string().trim().max(50_000).optional(),
  itemId: z.string().uuid().nullable().optional(),
  voteId: z.string().uuid().nullable().optional(),
});
export const MeetingDocumentIssue = z.object({
  issuedOn: IsoDate,
  signerId: z.string().uuid(),
  /** Defaults from the signer's positions on the issue date ("TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH" …). */
  signerTitle: z.string().trim().min(2).max(120).optional(),
});

/** The parts of the minutes the secretary writes; the rest is generated from the record. */
export const MinutesContent = z.object({
  opening: z.string().max(20_000),
  /** Per agenda item: the summary of opinions (tóm tắt ý kiến thảo luận). */
  items: z.record(z.string(), z.object({ opinions: z.string().max(50_000) })),
  conclusion: z.string().max(50_000),
  closing: z.string().max(5_000),
  /** Thư ký: who keeps the minutes (name as printed). */
  secretaryName: z.string().max(200),
});
export type MinutesContent = z.infer<typeof MinutesContent>;

export const MinutesEdit = z.object({
  /** The revision the editor started from (409 when someone saved another meanwhile). */
  revision: z.number().int().positive(),
  opening: z.string().trim().max(20_000).optional(),
  items: z.record(z.string().uuid(), z.object({ opinions: z.string().trim().max(50_000) })).optional(),
  conclusion: z.string().trim().max(50_000).optional(),
  closing: z.string().trim().max(5_000).optional(),
  secretaryName: z.string().trim().max(200).optional(),
});

export const MinutesComment = z.object({
  id: z.string(),
  revision: z.number().int(),
  anchor: z.string().nullable(),
  body: z.string(),
  authorName: z.string(),
  authorOfficialId: z.string().nullable(),
  createdAt: z.string(),
});

export const MinutesCommentInput = z.object({
  body: z.string().trim().min(2).max(5_000),
  /** The part commented: "opening", "item:<id>", "conclusion", "closing"; none for the whole. */
  anchor: z.string().trim().min(1).max(100).optional(),
});

export const MinutesLockInput = z.object({
  /**
   * Locked by a secretary (meeting.manage) who is not the chair: they state that the chair approved the text
   * (signed the paper draft). The chair's own account locks without it.
   */
  chairApproved: z.boolean().optional(),
});

/** A block of the generated minutes, as printed (PDF and DOCX render the same blocks). */
export const MinutesBlock = z.object({
  kind: z.enum(['heading', 'paragraph', 'bullet', 'note']),
  text: z.string(),
});

export const Minutes = z.object({
  meetingId: z.string(),
  communeCode: z.string(),
  status: z.enum(['draft', 'locked']),
  rehearsal: z.boolean(),
  revision: z.number().int(),
  content: MinutesContent,
  /** The number taken at locking ("03/BB-HĐND"); null for drafts and rehearsals. */
  number: z.string().nullable(),
  lockedAt: z.string().nullable(),
  sha256: z.string().nullable(),
  /** May the caller edit, comment, lock. */
  can: z.object({ edit: z.boolean(), comment: z.boolean(), lock: z.boolean() }),
  /** Agenda items (for the per-item opinions editor). */
  items: z.array(z.object({ id: z.string(), position: z.number().int(), title: z.string() })),
  /** The whole text as it prints, generated from the record and the editable parts. */
  blocks: z.array(MinutesBlock),
  comments: z.array(MinutesComment),
});
export type Minutes = z.infer<typeof Minutes>;

export const MeetingTask = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  rehearsal: z.boolean(),
  communeCode: z.string(),
  documentId: z.string().nullable(),
  official: z.object({ id: z.string(), fullName: z.string() }),
  title: z.string(),
  assignedOn: z.string(),
  workingDays: z.number().int(),
  dueDate: z.string(),
  status: z.enum(['open', 'done']),
  /** Open and past its due date (Vietnam's today). */
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
});
export type MeetingTask = z.infer<typeof MeetingTask>;

export const MeetingTaskInput = z.object({
  officialId: z.string().uuid(),
  title: z.string().trim().min(3).max(500),
  /** Thời hạn: working days from the conclusion's issue date (holidays and weekends skipped). */
  workingDays: z.number().int().min(1).max(365),
});
export const MeetingTaskDone = z.object({ note: z.string().trim().min(2).max(2_000) });

export const MeetingTaskList = z.object({
  items: z.array(MeetingTask),
  /** Of real meetings (rehearsals are out of statistics), for the filter's commune / official. */
  counts: z.object({ open: z.number().int(), overdue: z.number().int(), done: z.number().int() }),
});
