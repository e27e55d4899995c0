/**
 * Routes of what follows a meeting: its documents (draft → issued with the official number; PDF and DOCX), the
 * minutes (draft, edits, comments, lock by the chair; PDF and DOCX) and the follow-up tasks of its conclusions.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MeetingDocument,
  MeetingDocumentChange,
  MeetingDocumentInput,
  MeetingDocumentIssue,
  MeetingTask,
  MeetingTaskDone,
  MeetingTaskInput,
  MeetingTaskList,
  Minutes,
  MinutesCommentInput,
  MinutesEdit,
  MinutesLockInput,
} from '../../../common/api/meeting-after';
import { CommuneCodeParam } from '../../../common/api/units';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { type Access, writeContext } from '../../http/auth';
import type { Permission } from '../auth/permissions';
import { createFileStorage, type FileStorage } from '../dossiers/storage';
import { registerWorkloadCounter } from '../org';
import { assertActsFor, meetingActor } from './actor';
import * as documents from './documents';
import { commentMinutes, editMinutes, getMinutes, lockMinutes, minutesFile } from './minutes';
import { renderPrintedDocx } from './minutes-docx';
import { renderPrintedPdf } from './minutes-pdf';
import { communeOfMeeting, getMeetingRow } from './store';
import * as tasks from './tasks';

const Id = z.object({ id: z.string().uuid() });
const Code = z.object({ code: CommuneCodeParam });
const TaskQuery = z.object({
  status: z.enum(['open', 'done', 'overdue']).optional(),
  officialId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const on = (
  permission: Permission,
  communeOf: (db: Db, id: string) => Promise<string | null>,
): { access: Access } => ({ access: { permission, recordParam: 'id', communeOf } });

function sendFile(reply: FastifyReply, bytes: Buffer, fileName: string, format: 'pdf' | 'docx') {
  return reply
    .type(
      format === 'pdf'
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    .header('content-disposition', `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

export function registerMeetingAfterRoutes(
  app: FastifyInstance,
  deps: { db: Db; config: AppConfig; storage?: FileStorage },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;
  let storage: Promise<FileStorage> | undefined;
  const fileStorage = () =>
    (storage ??= deps.storage ? Promise.resolve(deps.storage) : createFileStorage(config, db));
  for (const counter of tasks.meetingTaskCounters) registerWorkloadCounter(counter);
  const tags = ['meetings'];

  // ——— Documents ———
  r.get(
    '/api/v1/meetings/:id/documents',
    {
      config: on('meeting.read', communeOfMeeting),
      schema: {
        tags,
        summary: 'Văn bản của kỳ họp: nghị quyết, quyết định, kết luận, thông báo (documents of a meeting)',
        params: Id,
        response: { 200: z.object({ items: z.array(MeetingDocument) }) },
      },
    },
    async (req) => documents.listDocuments(db, req.params.id),
  );

  r.post(
    '/api/v1/meetings/:id/documents',
    {
      config: on('meeting.manage', communeOfMeeting),
      schema: {
        tags,
        summary: 'Soạn văn bản (dự thảo) của kỳ họp, gắn với nội dung / cuộc biểu quyết (draft a document)',
        params: Id,
        body: MeetingDocumentInput,
        response: { 201: MeetingDocument },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await documents.createDocument(writeContext(req, db), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/meeting-documents/:id',
    {
      config: on('meeting.read', documents.communeOfDocument),
      schema: {
        tags,
        summary: 'Một văn bản của kỳ họp (a document)',
        params: Id,
        response: { 200: MeetingDocument },
      },
    },
    async (req) => documents.getDocument(db, req.params.id),
  );

  r.patch(
    '/api/v1/meeting-documents/:id',
    {
      config: on('meeting.manage', documents.communeOfDocument),
      schema: {
        tags,
        summary: 'Sửa dự thảo văn bản (edit a draft; 409 once issued)',
        params: Id,
        body: MeetingDocumentChange,
        response: { 200: MeetingDocument },
      },
    },
    async (req) => documents.updateDocument(writeContext(req, db), req.params.id, req.body),
  );

  r.post(
    '/api/v1/meeting-documents/:id/issue',
    {
      config: on('meeting.manage', documents.communeOfDocument),
      schema: {
        tags,
        summary:
          'Ban hành: ngày, người ký, số theo sổ của cơ quan, loại, năm; kỳ họp diễn tập không lấy số (issue a document)',
        params: Id,
        body: MeetingDocumentIssue,
        response: { 200: MeetingDocument },
      },
    },
    async (req) => documents.issueDocument(writeContext(req, db), req.params.id, req.body),
  );

  for (const format of ['pdf', 'docx'] as const)
    r.get(
      `/api/v1/meeting-documents/:id/${format}`,
      {
        config: on('meeting.read', documents.communeOfDocument),
        schema: {
          tags,
          summary: `Bản ${format.toUpperCase()} theo thể thức Nghị định 30/2020 ("DIỄN TẬP" / "DỰ THẢO" trên mọi trang)`,
          params: Id,
        },
      },
      async (req, reply) => {
        const printed = await documents.printedDocument(db, req.params.id);
        const bytes = format === 'pdf' ? await renderPrintedPdf(printed) : await renderPrintedDocx(printed);
        return sendFile(reply, bytes, `${printed.fileName}.${format}`, format);
      },
    );

  // ——— Minutes ———
  r.get(
    '/api/v1/meetings/:id/minutes',
    {
      config: on('meeting.read', communeOfMeeting),
      schema: {
        tags,
        summary: 'Biên bản kỳ họp (tạo dự thảo từ diễn biến kỳ họp khi mở lần đầu) (the minutes)',
        params: Id,
        response: { 200: Minutes },
      },
    },
    async (req) => {
      const meeting = await getMeetingRow(db, req.params.id);
      const actor = await meetingActor(req, db, meeting.communeCode);
      return getMinutes(writeContext(req, db), req.params.id, actor);
    },
  );

  r.patch(
    '/api/v1/meetings/:id/minutes',
    {
      config: on('meeting.manage', communeOfMeeting),
      schema: {
        tags,
        summary:
          'Thư ký sửa phần soạn thảo của biên bản (edit the draft; 409 once locked or on a stale revision)',
        params: Id,
        body: MinutesEdit,
        response: { 200: Minutes },
      },
    },
    async (req) => {
      const meeting = await getMeetingRow(db, req.params.id);
      const actor = await meetingActor(req, db, meeting.communeCode);
      return editMinutes(writeContext(req, db), req.params.id, actor, req.body);
    },
  );

  r.post(
    '/api/v1/meetings/:id/minutes/comments',
    {
      config: on('meeting.read', communeOfMeeting),
      schema: {
        tags,
        summary: 'Thành viên góp ý dự thảo biên bản (a member comments on the current revision)',
        params: Id,
        body: MinutesCommentInput,
        response: { 201: Minutes },
      },
    },
    async (req, reply) => {
      const meeting = await getMeetingRow(db, req.params.id);
      const actor = await meetingActor(req, db, meeting.communeCode);
      return reply
        .status(201)
        .send(await commentMinutes(writeContext(req, db), req.params.id, actor, req.body));
    },
  );

  r.post(
    '/api/v1/meetings/:id/minutes/lock',
    {
      config: on('meeting.read', communeOfMeeting),
      schema: {
        tags,
        summary:
          'Chủ tọa khóa biên bản (hoặc thư ký xác nhận chủ tọa đã duyệt): lưu PDF, DOCX, SHA-256 vào nhật ký (lock)',
        params: Id,
        body: MinutesLockInput,
        response: { 200: Minutes },
      },
    },
    async (req) => {
      const meeting = await getMeetingRow(db, req.params.id);
      const actor = await meetingActor(req, db, meeting.communeCode);
      return lockMinutes(writeContext(req, db), req.params.id, actor, req.body, await fileStorage());
    },
  );

  for (const format of ['pdf', 'docx'] as const)
    r.get(
      `/api/v1/meetings/:id/minutes/${format}`,
      {
        config: on('meeting.read', communeOfMeeting),
        schema: {
          tags,
          summary: `Biên bản ${format.toUpperCase()}: bản đã khóa (luôn cùng nội dung) hoặc dự thảo có dấu "DỰ THẢO"`,
          params: Id,
        },
      },
      async (req, reply) => {
        const file = await minutesFile(db, req.params.id, format, await fileStorage());
        return sendFile(reply, file.bytes, file.fileName, format);
      },
    );

  // ——— Follow-up tasks ———
  r.post(
    '/api/v1/meeting-documents/:id/tasks',
    {
      config: on('meeting.manage', documents.communeOfDocument),
      schema: {
        tags,
        summary: 'Giao nhiệm vụ từ kết luận: cán bộ, số ngày làm việc kể từ ngày ban hành (a follow-up task)',
        params: Id,
        body: MeetingTaskInput,
        response: { 201: MeetingTask },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await tasks.createTask(writeContext(req, db), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/meetings/:id/tasks',
    {
      config: on('meeting.read', communeOfMeeting),
      schema: {
        tags,
        summary: 'Nhiệm vụ sau kỳ họp (follow-up tasks of a meeting)',
        params: Id,
        querystring: TaskQuery,
        response: { 200: MeetingTaskList },
      },
    },
    async (req) => {
      const meeting = await getMeetingRow(db, req.params.id);
      return tasks.listTasks(db, { communeCode: meeting.communeCode, meetingId: meeting.id, ...req.query });
    },
  );

  r.get(
    '/api/v1/communes/:code/meeting-tasks',
    {
      config: { access: { permission: 'meeting.read', communeParam: 'code' } },
      schema: {
        tags,
        summary: 'Nhiệm vụ sau các kỳ họp của xã: đang làm, quá hạn, theo cán bộ (commune follow-up tasks)',
        params: Code,
        querystring: TaskQuery,
        response: { 200: MeetingTaskList },
      },
    },
    async (req) => tasks.listTasks(db, { communeCode: req.params.code, ...req.query }),
  );

  r.get(
    '/api/v1/meeting-tasks/:id',
    {
      config: on('meeting.read', tasks.communeOfTask),
      schema: {
        tags,
        summary: 'Một nhiệm vụ sau kỳ họp (a task)',
        params: Id,
        response: { 200: MeetingTask },
      },
    },
    async (req) => tasks.getTask(db, req.params.id),
  );

  r.post(
    '/api/v1/meeting-tasks/:id/done',
    {
      config: on('meeting.read', tasks.communeOfTask),
      schema: {
        tags,
        summary: 'Báo cáo hoàn thành nhiệm vụ (người được giao hoặc thư ký) (mark a task done)',
        params: Id,
        body: MeetingTaskDone,
        response: { 200: MeetingTask },
      },
    },
    async (req) => {
      const task = await tasks.getTaskRow(db, req.params.id);
      assertActsFor(await meetingActor(req, db, task.communeCode), task.officialId);
      return tasks.completeTask(writeContext(req, db), req.params.id, req.body.note);
    },
  );
}
