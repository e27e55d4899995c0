/** Tài liệu kỳ họp: papers of a meeting, their versions by article, members' comments, adoption, publication. */
import { z } from 'zod';

/** dự thảo quy chế/quy định, dự thảo nghị quyết, báo cáo, tờ trình, khác */
export const PAPER_TYPES = ['draft_regulation', 'draft_resolution', 'report', 'proposal', 'other'] as const;
export const PaperType = z.enum(PAPER_TYPES);
export type PaperType = z.infer<typeof PaperType>;

/** drafting → adopted (a version is adopted) → published (the adopted text is public). */
export const PAPER_STATUSES = ['drafting', 'adopted', 'published'] as const;
export const PaperStatus = z.enum(PAPER_STATUSES);

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ODT_TYPE = 'application/vnd.oasis.opendocument.text';
/** The files a paper version may carry, detected from the content (never from the name). */
export const PAPER_FILE_TYPES = ['application/pdf', DOCX_TYPE, ODT_TYPE, 'image/jpeg', 'image/png'] as const;
export const PaperFileType = z.enum(PAPER_FILE_TYPES);
export type PaperFileType = z.infer<typeof PaperFileType>;

export const PaperPoint = z.object({ letter: z.string(), anchor: z.string(), text: z.string() });
export const PaperClause = z.object({
  number: z.number().int(),
  anchor: z.string(),
  text: z.string(),
  points: z.array(PaperPoint),
});
/** One "Điều" of a version's text; anchors: "Điều 3", "Điều 3, khoản 2", "Điều 3, khoản 2, điểm a". */
export const PaperArticle = z.object({
  number: z.number().int(),
  anchor: z.string(),
  title: z.string(),
  text: z.string(),
  clauses: z.array(PaperClause),
});
export type PaperArticle = z.infer<typeof PaperArticle>;

export const PaperFile = z.object({
  fileName: z.string(),
  contentType: PaperFileType,
  sizeBytes: z.number().int(),
  /** SHA-256 of the content, hex; checked again on every download. */
  sha256: z.string(),
});

export const PaperPerson = z.object({ id: z.string().uuid(), fullName: z.string() });

export const PaperVersionSummary = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  changeNote: z.string().nullable(),
  hasText: z.boolean(),
  file: PaperFile.nullable(),
  comments: z.number().int(),
  createdAt: z.string(),
});

export const MeetingPaper = z.object({
  id: z.string().uuid(),
  meetingId: z.string().uuid(),
  communeCode: z.string(),
  itemId: z.string().uuid().nullable(),
  paperType: PaperType,
  title: z.string(),
  status: PaperStatus,
  drafter: PaperPerson.nullable(),
  currentVersion: z.number().int(),
  adoptedVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  /** A paper of a rehearsal meeting (diễn tập): the UI shows "DIỄN TẬP". */
  rehearsal: z.boolean(),
  versions: z.array(PaperVersionSummary),
  createdAt: z.string(),
});
export type MeetingPaper = z.infer<typeof MeetingPaper>;

export const PaperComment = z.object({
  id: z.string().uuid(),
  versionId: z.string().uuid(),
  /** The version the comment was made on. */
  version: z.number().int(),
  /** null: the paper as a whole. */
  anchor: z.string().nullable(),
  body: z.string(),
  author: z.object({ officialId: z.string().uuid().nullable(), name: z.string() }),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
  rehearsal: z.boolean(),
});
export type PaperComment = z.infer<typeof PaperComment>;

export const PaperVersion = z.object({
  id: z.string().uuid(),
  paperId: z.string().uuid(),
  version: z.number().int(),
  body: z.string().nullable(),
  articles: z.array(PaperArticle),
  file: PaperFile.nullable(),
  changeNote: z.string().nullable(),
  createdAt: z.string(),
  /** Comments made on this version. */
  comments: z.array(PaperComment),
  /** Comments made on earlier versions, with their answers (góp ý các dự thảo trước). */
  earlierComments: z.array(PaperComment),
  /** Comments are taken on the current version while the paper is being drafted. */
  open: z.boolean(),
  rehearsal: z.boolean(),
});
export type PaperVersion = z.infer<typeof PaperVersion>;

export const NewPaper = z.object({
  paperType: PaperType,
  title: z.string().trim().min(3).max(500),
  itemId: z.string().uuid().nullable().optional(),
  drafterId: z.string().uuid().nullable().optional(),
});
export type NewPaper = z.infer<typeof NewPaper>;

/** Text fields of a new version (JSON, or the fields of a multipart form that may carry `file`). */
export const MAX_PAPER_TEXT = 300_000;
export const MAX_CHANGE_NOTE = 2000;
export const NewPaperVersion = z.object({
  body: z.string().max(MAX_PAPER_TEXT).optional(),
  changeNote: z.string().trim().max(MAX_CHANGE_NOTE).optional(),
});

export const NewPaperComment = z.object({
  /** "Điều 3", "Điều 3, khoản 2", "Điều 3, khoản 2, điểm a"; absent or null: the whole paper. */
  anchor: z.string().trim().max(60).nullable().optional(),
  body: z.string().trim().min(1).max(5000),
  /** The member the comment is from: the caller's own official by default; the secretary may name a member. */
  officialId: z.string().uuid().optional(),
});

export const PaperCommentAnswer = z.object({ answer: z.string().trim().min(1).max(5000) });

export const AdoptPaper = z.object({
  version: z.number().int().min(1),
  /** The vote that passed it (closed, passed, of the same meeting); absent: adopted by the secretary. */
  voteId: z.string().uuid().optional(),
});

export const PublicMeetingPaper = z.object({
  id: z.string().uuid(),
  paperType: PaperType,
  title: z.string(),
  communeCode: z.string(),
  meeting: z.object({ title: z.string(), date: z.string() }),
  version: z.number().int(),
  body: z.string().nullable(),
  articles: z.array(PaperArticle),
  file: PaperFile.extend({ url: z.string() }).nullable(),
  publishedAt: z.string(),
  rehearsal: z.boolean(),
});
export type PublicMeetingPaper = z.infer<typeof PublicMeetingPaper>;
