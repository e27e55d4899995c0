/**
 * HTTP for a meeting's papers: list and add (secretary), versions (text as JSON, or multipart/form-data with
 * `body`, `changeNote` and an optional `file`), the file of a version (SHA-256 verified), comments and answers,
 * adoption and publication; and the public reading of a published paper. Multipart parsing is registered for these
 * routes only; files live in the dossiers' storage (the same backend and collector).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdoptPaper,
  MAX_CHANGE_NOTE,
  MAX_PAPER_TEXT,
  MeetingPaper,
  NewPaper,
  NewPaperComment,
  PaperComment,
  PaperCommentAnswer,
  PaperVersion,
  PublicMeetingPaper,
} from '../../../common/api/meeting-papers';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { requirePrincipal, writeContext } from '../../http/auth';
import { fieldError } from '../../http/errors';
import { findControlCharacter } from '../../http/input-text';
import { malformedUpload, multipartErrorCode } from '../../http/multipart';
import { publicRateLimit } from '../../http/rate-limit';
import { contentDisposition } from '../dossiers/attachment-names';
import { fileTooLarge } from '../dossiers/attachments';
import { createFileStorage, type FileStorage } from '../dossiers/storage';
import { meetingActor } from './actor';
import * as papers from './papers';
import { communeOfMeeting } from './store';

const Id = z.object({ id: z.string().uuid() });
const VersionParams = z.object({
  id: z.string().uuid(),
  version: z.coerce.number().int().min(1).max(10_000),
});
const CommentParams = z.object({ id: z.string().uuid(), commentId: z.string().uuid() });

const meetingRecord = (permission: 'meeting.read' | 'meeting.manage') => ({
  access: { permission, recordParam: 'id', communeOf: communeOfMeeting },
});
const paperRecord = (permission: 'meeting.read' | 'meeting.manage') => ({
  access: { permission, recordParam: 'id', communeOf: papers.communeOfPaper },
});

/** The text fields and the optional file of a new version, from JSON or from a multipart form. */
/** The same limits, said the same way, for a JSON body and for the fields of a form. */
function checkVersionFields(fields: { body?: unknown; changeNote?: unknown }) {
  for (const key of ['body', 'changeNote'] as const)
    if (fields[key] !== undefined && fields[key] !== null && typeof fields[key] !== 'string')
      throw fieldError(`body.${key}`, 'Phải là văn bản.', 'Must be text.');
  // A form's fields skip the JSON body's control-character rule (input-text.ts): the same rule, here.
  const control = findControlCharacter({ body: fields.body, changeNote: fields.changeNote }, 'body');
  if (control)
    throw fieldError(
      control,
      'Có ký tự điều khiển không hợp lệ (ví dụ NUL) trong dữ liệu gửi lên.',
      'Contains a control character (such as NUL) that is not allowed.',
    );
  const body = (fields.body ?? undefined) as string | undefined;
  const changeNote = (fields.changeNote ?? undefined) as string | undefined;
  if ((body?.length ?? 0) > MAX_PAPER_TEXT)
    throw fieldError('body.body', 'Văn bản dài quá {n} ký tự.', 'The text exceeds {n} characters.', {
      n: MAX_PAPER_TEXT,
    });
  if ((changeNote?.length ?? 0) > MAX_CHANGE_NOTE)
    throw fieldError('body.changeNote', 'Ghi chú tối đa {n} ký tự.', 'At most {n} characters.', {
      n: MAX_CHANGE_NOTE,
    });
  return { body, changeNote };
}

/** The text fields and the optional file of a new version, from JSON or from a multipart form. */
async function readVersion(req: FastifyRequest, limits: papers.PaperLimits) {
  if (!req.isMultipart()) {
    const json = req.body ?? {};
    if (typeof json !== 'object' || Array.isArray(json))
      throw fieldError('body', 'Gửi { body, changeNote } dạng JSON.', 'Send { body, changeNote } as JSON.');
    return { ...checkVersionFields(json), file: null };
  }
  const fields: Record<string, string> = {};
  let file: papers.PaperUpload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file)
          throw fieldError(
            'body.file',
            'Mỗi lần chỉ gửi một tệp, trường "file".',
            'Send one file, field "file".',
          );
        file = { fileName: part.filename, bytes: await part.toBuffer() };
      } else if (part.fieldname === 'body' || part.fieldname === 'changeNote') {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (e) {
    const code = multipartErrorCode(e);
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(limits.maxBytes);
    if (code === 'FST_FILES_LIMIT')
      throw fieldError('body.file', 'Mỗi lần chỉ gửi một tệp.', 'Send one file at a time.');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw fieldError('body', 'Biểu mẫu có quá nhiều trường.', 'The form has too many fields.');
    throw malformedUpload(e) ?? e;
  }
  return { ...checkVersionFields(fields), file };
}

export function registerMeetingPaperRoutes(
  app: FastifyInstance,
  deps: { db: Db; config: AppConfig; storage?: FileStorage; paperLimits?: papers.PaperLimits },
) {
  const { db, config } = deps;
  const limits = deps.paperLimits ?? papers.DEFAULT_PAPER_LIMITS;
  const tags = ['meetings'];

  void app.register(async (scope) => {
    const storage = deps.storage ?? (await createFileStorage(config, db));
    await scope.register(multipart, {
      // A regulation's text in Vietnamese: up to 300,000 characters of up to 3 bytes each.
      limits: { fileSize: limits.maxBytes, files: 1, fields: 4, parts: 5, fieldSize: MAX_PAPER_TEXT * 3 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/v1/meetings/:id/papers',
      {
        config: meetingRecord('meeting.read'),
        schema: {
          tags,
          summary: 'Tài liệu của kỳ họp/cuộc họp (papers of a meeting)',
          params: Id,
          response: { 200: z.object({ items: z.array(MeetingPaper) }) },
        },
      },
      async (req) => ({ items: await papers.listPapers(db, req.params.id) }),
    );

    r.post(
      '/api/v1/meetings/:id/papers',
      {
        config: meetingRecord('meeting.manage'),
        schema: {
          tags,
          summary:
            'Thư ký thêm tài liệu: loại (draft_regulation | draft_resolution | report | proposal | other), tiêu đề, nội dung chương trình, người soạn thảo (add a paper)',
          params: Id,
          body: NewPaper,
          response: { 201: MeetingPaper },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await papers.createPaper(writeContext(req, db), req.params.id, req.body)),
    );

    r.get(
      '/api/v1/meeting-papers/:id',
      {
        config: paperRecord('meeting.read'),
        schema: {
          tags,
          summary: 'Một tài liệu và các phiên bản (a paper and its versions)',
          params: Id,
          response: { 200: MeetingPaper },
        },
      },
      async (req) => papers.getPaper(db, req.params.id),
    );

    r.post(
      '/api/v1/meeting-papers/:id/versions',
      {
        config: paperRecord('meeting.read'),
        schema: {
          tags,
          summary: `Người soạn thảo hoặc thư ký đưa ra phiên bản mới: văn bản theo Điều/khoản (JSON { body, changeNote }) và/hoặc tệp (multipart/form-data: body, changeNote, file; PDF/DOCX/ODT/JPEG/PNG theo nội dung, tối đa ${limits.maxBytes / 1024 / 1024} MB, PDF có mã lệnh tự chạy hoặc tệp có macro bị từ chối) (issue a version)`,
          consumes: ['application/json', 'multipart/form-data'],
          params: Id,
          response: { 201: PaperVersion },
        },
      },
      async (req, reply) => {
        const communeCode = (await papers.communeOfPaper(db, req.params.id))!;
        const actor = await meetingActor(req, db, communeCode);
        const input = await readVersion(req, limits);
        const version = await papers.addVersion(
          writeContext(req, db),
          storage,
          actor,
          req.params.id,
          input,
          limits,
        );
        return reply.status(201).send(version);
      },
    );

    r.get(
      '/api/v1/meeting-papers/:id/versions/:version',
      {
        config: paperRecord('meeting.read'),
        schema: {
          tags,
          summary:
            'Một phiên bản: văn bản theo Điều, khoản, điểm; góp ý trên phiên bản này và góp ý trên các phiên bản trước kèm trả lời (a version with its comments)',
          params: VersionParams,
          response: { 200: PaperVersion },
        },
      },
      async (req) => papers.getVersion(db, req.params.id, req.params.version),
    );

    r.get(
      '/api/v1/meeting-papers/:id/versions/:version/file',
      {
        config: paperRecord('meeting.read'),
        schema: {
          tags,
          summary:
            'Tệp của một phiên bản, đã đối chiếu SHA-256; tệp hỏng → lỗi, không gửi (download, checksum verified)',
          params: VersionParams,
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        },
      },
      async (req, reply) => {
        const { file, bytes } = await papers.getVersionFile(db, storage, req.params.id, req.params.version);
        return reply
          .type(file.contentType)
          .header(
            'content-disposition',
            contentDisposition(req.query.download === '1' ? 'attachment' : 'inline', file.fileName),
          )
          .header('cache-control', 'private, no-cache')
          .header('etag', `"${file.sha256}"`)
          .header('x-content-sha256', file.sha256)
          .send(bytes);
      },
    );

    r.post(
      '/api/v1/meeting-papers/:id/versions/:version/comments',
      {
        config: paperRecord('meeting.read'),
        schema: {
          tags,
          summary:
            'Góp ý trên phiên bản hiện hành: vào một Điều/khoản/điểm ("Điều 3, khoản 2") có trong phiên bản hoặc cả tài liệu; thành viên góp ý của chính mình, thư ký có thể ghi thay (officialId) (comment on a version)',
          params: VersionParams,
          body: NewPaperComment,
          response: { 201: PaperComment },
        },
      },
      async (req, reply) => {
        const communeCode = (await papers.communeOfPaper(db, req.params.id))!;
        const actor = await meetingActor(req, db, communeCode);
        const comment = await papers.addComment(
          writeContext(req, db),
          actor,
          requirePrincipal(req).displayName,
          req.params.id,
          req.params.version,
          req.body,
        );
        return reply.status(201).send(comment);
      },
    );

    r.post(
      '/api/v1/meeting-papers/:id/comments/:commentId/answer',
      {
        config: paperRecord('meeting.read'),
        schema: {
          tags,
          summary: 'Người soạn thảo hoặc thư ký trả lời một góp ý (answer a comment)',
          params: CommentParams,
          body: PaperCommentAnswer,
          response: { 200: PaperComment },
        },
      },
      async (req) => {
        const communeCode = (await papers.communeOfPaper(db, req.params.id))!;
        const actor = await meetingActor(req, db, communeCode);
        return papers.answerComment(
          writeContext(req, db),
          actor,
          requirePrincipal(req).displayName,
          req.params.id,
          req.params.commentId,
          req.body.answer,
        );
      },
    );

    r.post(
      '/api/v1/meeting-papers/:id/adopt',
      {
        config: paperRecord('meeting.manage'),
        schema: {
          tags,
          summary:
            'Đánh dấu một phiên bản đã được thông qua: theo biểu quyết đã kết thúc và thông qua của kỳ họp (voteId) hoặc theo quyết định của thư ký (adopt a version)',
          params: Id,
          body: AdoptPaper,
          response: { 200: MeetingPaper },
        },
      },
      async (req) => papers.adoptPaper(writeContext(req, db), req.params.id, req.body),
    );

    r.post(
      '/api/v1/meeting-papers/:id/publish',
      {
        config: paperRecord('meeting.manage'),
        schema: {
          tags,
          summary: 'Công bố văn bản đã thông qua: ai cũng đọc được (publish the adopted text)',
          params: Id,
          response: { 200: MeetingPaper },
        },
      },
      async (req) => papers.publishPaper(writeContext(req, db), req.params.id),
    );

    r.get(
      '/api/v1/public/meeting-papers/:id',
      {
        config: { ...publicRateLimit(config.publicRateLimit), access: 'public' },
        schema: {
          tags,
          summary:
            'Văn bản đã thông qua và công bố của một tài liệu kỳ họp (chưa công bố → 404) (a published paper)',
          params: Id,
          response: { 200: PublicMeetingPaper },
        },
      },
      async (req) => papers.getPublicPaper(db, req.params.id),
    );

    r.get(
      '/api/v1/public/meeting-papers/:id/file',
      {
        config: { ...publicRateLimit(config.publicRateLimit), access: 'public' },
        schema: {
          tags,
          summary: 'Tệp của văn bản đã công bố, đã đối chiếu SHA-256 (the published file)',
          params: Id,
        },
      },
      async (req, reply) => {
        const { file, bytes } = await papers.getPublicPaperFile(db, storage, req.params.id);
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition('attachment', file.fileName))
          .header('cache-control', 'public, max-age=300')
          .header('x-content-sha256', file.sha256)
          .send(bytes);
      },
    );
  });
}
