import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../../common/api/calendar';
import {
  Announcement,
  AnnouncementSummary,
  AssignmentItemInput,
  SuggestedAnnouncementNumber,
  WhoHandles,
  Workload,
} from '../../../common/api/org';
import { CommuneCodeParam } from '../../../common/api/units';
import type { Db } from '../../db/database';
import { writeContext } from '../../http/auth';
import { getCommune } from '../units/service';
import { commune, record } from './access';
import { MAX_ITEMS } from './announcement';
import { renderAnnouncementPdf } from './announcement-pdf';
import * as assignments from './assignments';
import { todayInVietnam } from './document-format';
import { workload } from './workload';

const Code = z.object({ code: CommuneCodeParam });
const Id = z.object({ id: z.string().uuid() });
const DraftBody = z.object({
  title: z.string().trim().min(5).max(300).optional(),
  preamble: z.string().trim().max(5000).optional(),
  items: z.array(AssignmentItemInput).max(MAX_ITEMS).optional(),
  recipients: z.array(z.string().trim().min(2).max(200)).min(1).max(30).optional(),
});
const Page = { limit: z.coerce.number().int().min(1).max(200).default(50) };

/** Phân công nhiệm vụ: announcements (draft → issued → superseded), PDF, who handles what, workload. */
export function registerAssignmentRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['assignments'];

  r.get(
    '/api/v1/communes/:code/assignments/current',
    {
      config: commune('assignment.read'),
      schema: {
        tags,
        summary: 'Thông báo phân công đang có hiệu lực (the current announcement; 404 when none is issued)',
        params: Code,
        response: { 200: Announcement },
      },
    },
    async (req) => {
      return assignments.getCurrentAnnouncement(db, req.params.code);
    },
  );

  r.get(
    '/api/v1/communes/:code/assignments',
    {
      config: commune('assignment.read'),
      schema: {
        tags,
        summary: 'Các phiên bản thông báo phân công, mới nhất trước (history of announcements)',
        params: Code,
        querystring: z.object({ cursor: z.coerce.number().int().positive().optional(), ...Page }),
        response: {
          200: z.object({ items: z.array(AnnouncementSummary), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => {
      return assignments.listAnnouncements(db, req.params.code, req.query);
    },
  );

  r.post(
    '/api/v1/communes/:code/assignments',
    {
      config: commune('assignment.manage'),
      schema: {
        tags,
        summary:
          'Tạo dự thảo thông báo phân công; không có items thì chép từ thông báo hiện hành (create a draft)',
        params: Code,
        body: DraftBody,
        response: { 201: Announcement },
      },
    },
    async (req, reply) => {
      return reply
        .status(201)
        .send(await assignments.createDraft(writeContext(req, db), req.params.code, req.body));
    },
  );

  r.get(
    '/api/v1/assignments/:id',
    {
      config: record('assignment.read', assignments.communeOfAnnouncement),
      schema: {
        tags,
        summary: 'Một thông báo phân công (an announcement)',
        params: Id,
        response: { 200: Announcement },
      },
    },
    async (req) => {
      return assignments.getAnnouncement(db, req.params.id);
    },
  );

  r.patch(
    '/api/v1/assignments/:id',
    {
      config: record('assignment.manage', assignments.communeOfAnnouncement),
      schema: {
        tags,
        summary: 'Sửa dự thảo (edit a draft; 409 once issued)',
        params: Id,
        body: DraftBody,
        response: { 200: Announcement },
      },
    },
    async (req) => {
      return assignments.updateDraft(writeContext(req, db), req.params.id, req.body);
    },
  );

  r.get(
    '/api/v1/communes/:code/assignments/next-number',
    {
      config: commune('assignment.manage'),
      schema: {
        tags,
        summary:
          'Số thông báo tiếp theo gợi ý cho ngày ban hành (the next TB-UBND number of the series; taken only on issuing)',
        params: Code,
        querystring: z.object({ issuedOn: IsoDate.optional() }),
        response: { 200: SuggestedAnnouncementNumber },
      },
    },
    async (req) => {
      return assignments.suggestedAnnouncementNumber(
        db,
        req.params.code,
        req.query.issuedOn ?? todayInVietnam(),
      );
    },
  );

  r.post(
    '/api/v1/assignments/:id/issue',
    {
      config: record('assignment.manage', assignments.communeOfAnnouncement),
      schema: {
        tags,
        summary: 'Ban hành: số, ngày, người ký; thông báo cũ tự động hết hiệu lực (issue a draft)',
        params: Id,
        body: z.object({
          /** A number already given on paper; absent or empty: the next number of the series is taken. */
          number: z.string().trim().max(40).nullish(),
          issuedOn: IsoDate,
          signerId: z.string().uuid(),
          /** Defaults from the signer's current title: "CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" … */
          signerTitle: z.string().trim().min(2).max(100).optional(),
        }),
        response: { 200: Announcement },
      },
    },
    async (req) => {
      return assignments.issueAnnouncement(writeContext(req, db), req.params.id, req.body);
    },
  );

  r.get(
    '/api/v1/assignments/:id/pdf',
    {
      config: record('assignment.read', assignments.communeOfAnnouncement),
      schema: {
        tags,
        summary: 'Bản in PDF theo thể thức Nghị định 30/2020 (printable PDF; drafts watermarked "DỰ THẢO")',
        params: Id,
      },
    },
    async (req, reply) => {
      const a = await assignments.getAnnouncement(db, req.params.id);
      const pdf = await renderAnnouncementPdf(a, await getCommune(db, a.communeCode));
      const name = `thong-bao-phan-cong-${a.communeCode}-v${a.version}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  r.get(
    '/api/v1/communes/:code/who-handles',
    {
      config: commune('assignment.read'),
      schema: {
        tags,
        summary:
          'Ai phụ trách lĩnh vực này? Theo mã lĩnh vực hoặc tên, có dấu hay không (who handles a field)',
        params: Code,
        querystring: z.object({ field: z.string().trim().min(2).max(100) }),
        response: { 200: WhoHandles },
      },
    },
    async (req) => {
      return assignments.whoHandles(db, req.params.code, req.query.field);
    },
  );

  r.get(
    '/api/v1/communes/:code/workload',
    {
      config: commune('assignment.read'),
      schema: {
        tags,
        summary: 'Khối lượng công việc từng cán bộ: lĩnh vực phụ trách, phối hợp và các bộ đếm (workload)',
        params: Code,
        querystring: z.object({ cursor: z.string().max(500).optional(), ...Page }),
        response: { 200: Workload },
      },
    },
    async (req) => {
      return workload(db, req.params.code, req.query);
    },
  );
}
