/** Scanned documents of a dossier (thành phần hồ sơ điện tử): the API shapes shared by server and web. */
import { z } from 'zod';

/** The only kinds kept, detected from the content (never from the name or the client's content type). */
export const ATTACHMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const AttachmentContentType = z.enum(ATTACHMENT_CONTENT_TYPES);

/** 'document': a scan of the applicant's file; 'result': the electronic result of the dossier (kết quả điện tử). */
export const ATTACHMENT_PURPOSES = ['document', 'result'] as const;
export const AttachmentPurpose = z.enum(ATTACHMENT_PURPOSES);
export type AttachmentPurpose = z.infer<typeof AttachmentPurpose>;

export const AttachmentView = z.object({
  id: z.string().uuid(),
  dossierId: z.string().uuid(),
  fileName: z.string(),
  contentType: AttachmentContentType,
  sizeBytes: z.number().int(),
  /** SHA-256 of the content, hex. */
  sha256: z.string(),
  /** The checklist item (index in the procedure version's required documents); null = another document. */
  documentIndex: z.number().int().nullable(),
  purpose: AttachmentPurpose,
  /** Scanned from paper by an official (số hóa), for the digitisation rate. */
  digitised: z.boolean(),
  uploadedBy: z.string().uuid().nullable(),
  uploadedAt: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const AttachmentList = z.object({
  items: z.array(AttachmentView),
  /** The required documents of the dossier's procedure version, by index: what an attachment may stand for. */
  documents: z.array(z.object({ index: z.number().int(), name: z.string() })),
  /** Limits of the server, so the web app can say them before uploading. */
  maxBytes: z.number().int(),
  maxPerDossier: z.number().int(),
});
export type AttachmentList = z.infer<typeof AttachmentList>;
