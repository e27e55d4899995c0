/** File names of attachments: what the client sent, made safe to keep, show and send back in a header. */
import type { ATTACHMENT_CONTENT_TYPES } from '../../../common/api/attachments';
import { foldVietnamese } from '../../../common/text';

export type AttachmentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/**
 * Accepted extensions per type; the first is the one given to a name without a fitting one. Dossier scans are
 * PDF, JPEG or PNG; a meeting paper may also be a DOCX or an ODT.
 */
const EXTENSIONS = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
} as const satisfies Record<AttachmentType, readonly string[]> & Record<string, readonly string[]>;
/** The types of every file XãSố keeps. */
export type StoredFileType = keyof typeof EXTENSIONS;
const MAX_LENGTH = 120;
const FALLBACK = 'tai-lieu';

/**
 * The client's name without any folder, control or reserved characters (/ \ : * ? " < > |), spaces collapsed,
 * Vietnamese kept (NFC), at most 120 characters, and with the extension of the type detected from the content.
 */
export function sanitizeFileName(raw: string, type: StoredFileType): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  const extensions: readonly string[] = EXTENSIONS[type];
  const keepsExt = extensions.includes(ext);
  const stem = (keepsExt ? cleaned.slice(0, dot) : cleaned).replace(/[.\s]+$/, '') || FALLBACK;
  const suffix = `.${keepsExt ? ext : extensions[0]}`;
  return (
    [...stem]
      .slice(0, MAX_LENGTH - suffix.length)
      .join('')
      .trimEnd() + suffix
  );
}

/** `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = foldVietnamese(fileName)
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
