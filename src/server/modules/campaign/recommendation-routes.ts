/**
 * HTTP for recommendations to the province (kiến nghị), the province's inspections (kiểm tra) and their
 * directives (chỉ đạo):
 * - commune: /communes/:code/campaign/recommendations (list, send), …/directives (list)
 * - province: /provinces/:provinceCode/campaign/recommendations (the inbox), …/department-handlers, …/inspections
 * - records: /campaign/recommendations/:id (+ receive, assign, answer, close, reopen, evidence),
 *   /campaign/inspections/:id (+ visits, directives), /campaign/directives/:id (+ done)
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnswerRecommendation,
  AssignRecommendation,
  CloseRecommendation,
  DepartmentHandlerList,
  Directive,
  DirectiveDone,
  DirectiveList,
  DirectiveStatus,
  EvidenceFile,
  Inspection,
  InspectionChange,
  InspectionList,
  NewDirective,
  NewInspection,
  NewRecommendation,
  ReceiveRecommendation,
  RecommendationDetail,
  RecommendationFilters,
  RecommendationList,
  ReopenRecommendation,
  VisitInput,
} from '../../../common/api/campaign-recommendations';
import { CommuneCodeParam, ProvinceCodeParam } from '../../../common/api/units';
import type { WriteContext } from '../../db/transaction';
import { type Access, requirePrincipal, writeContext } from '../../http/auth';
import { contentDisposition } from '../dossiers/attachment-names';
import { createFileStorage } from '../dossiers/storage';
import { communeOfDirective, getDirective, listCommuneDirectives, markDirectiveDone } from './directives';
import { readEvidenceUpload } from './evidence-upload';
import type { CampaignDeps } from './index';
import {
  addDirective,
  changeInspection,
  createInspection,
  getInspection,
  listInspections,
  provinceOfInspection,
  recordVisit,
} from './inspections';
import type { RecommendationActor } from './recommendation-rules';
import {
  answerRecommendation,
  assignRecommendation,
  closeRecommendation,
  communeOfRecommendation,
  departmentHandlers,
  getRecommendation,
  isHandlerOnly,
  listCommuneRecommendations,
  listProvinceRecommendations,
  provinceOfRecommendation,
  receiveRecommendation,
  reopenRecommendation,
  sendRecommendation,
} from './recommendations';
import { addEvidence, EVIDENCE_MAX_BYTES, getEvidence } from './recommendations-evidence';

const Code = z.object({ code: CommuneCodeParam });
const Province = z.object({ provinceCode: ProvinceCodeParam });
const Id = z.object({ id: z.string().uuid() });
const Visit = z.object({ id: z.string().uuid(), communeCode: CommuneCodeParam });
const FileParams = z.object({ id: z.string().uuid(), fileId: z.string().uuid() });
const DirectiveFilters = z.object({
  status: DirectiveStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

const recRead = {
  access: {
    permission: 'campaign.read',
    recordParam: 'id',
    communeOf: communeOfRecommendation,
  } satisfies Access,
};
const recProvince = (permission: 'campaign.province' | 'campaign.answer') => ({
  access: { permission, recordParam: 'id', provinceOf: provinceOfRecommendation } satisfies Access,
});
const recCommune = {
  access: {
    permission: 'campaign.manage',
    recordParam: 'id',
    communeOf: communeOfRecommendation,
  } satisfies Access,
};
const inspection = (permission: 'campaign.read' | 'campaign.province') => ({
  access: { permission, recordParam: 'id', provinceOf: provinceOfInspection } satisfies Access,
});
const directive = (permission: 'campaign.read' | 'campaign.manage') => ({
  access: { permission, recordParam: 'id', communeOf: communeOfDirective } satisfies Access,
});

const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

/** The province acts as the province; a handler (campaign.answer only) as a handler. */
async function provinceActor(
  req: FastifyRequest,
  db: CampaignDeps['db'],
  id: string,
): Promise<RecommendationActor> {
  const p = requirePrincipal(req);
  const provinceCode = (await provinceOfRecommendation(db, id)) ?? '';
  return { kind: isHandlerOnly(p, provinceCode) ? 'handler' : 'province', accountId: p.accountId };
}

/**
 * A workflow step of the commune or the province on the recommendation `:id`, taken as the caller; answers with the
 * recommendation as the caller now sees it.
 */
async function takeStep<B>(
  req: FastifyRequest<{ Params: { id: string } }>,
  db: CampaignDeps['db'],
  kind: 'commune' | 'province',
  step: (ctx: WriteContext, id: string, body: B, actor: RecommendationActor) => Promise<unknown>,
  body: B,
) {
  const p = requirePrincipal(req);
  await step(writeContext(req, db), req.params.id, body, { kind, accountId: p.accountId });
  return getRecommendation(db, req.params.id, p);
}

export function registerRecommendationRoutes(app: FastifyInstance, deps: CampaignDeps) {
  const { db, config } = deps;
  const tags = ['campaign'];

  void app.register(async (scope) => {
    const storage = deps.storage ?? (await createFileStorage(config, db));
    await scope.register(multipart, {
      limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 2, parts: 3 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    // ——— recommendations: the commune ———

    r.get(
      '/api/v1/communes/:code/campaign/recommendations',
      {
        config: { access: { permission: 'campaign.read', communeParam: 'code' } satisfies Access },
        schema: {
          tags,
          summary: 'Kiến nghị của xã lên tỉnh, mới nhất trước (lọc: trạng thái, lĩnh vực, quá hạn)',
          params: Code,
          querystring: RecommendationFilters,
          response: { 200: RecommendationList },
        },
      },
      async (req) => ({
        items: await listCommuneRecommendations(db, req.params.code, requirePrincipal(req), {
          ...req.query,
          overdue: bool(req.query.overdue),
          mine: bool(req.query.mine),
        }),
      }),
    );

    r.post(
      '/api/v1/communes/:code/campaign/recommendations',
      {
        config: { access: { permission: 'campaign.manage', communeParam: 'code' } satisfies Access },
        schema: {
          tags,
          summary:
            'Lãnh đạo xã gửi kiến nghị lên tỉnh: lĩnh vực (resources | facilities | personnel | it | legal | other), tiêu đề, nội dung, mức độ (normal | urgent); hạn tiếp nhận tính theo ngày làm việc',
          params: Code,
          body: NewRecommendation,
          response: { 201: RecommendationDetail },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await sendRecommendation(writeContext(req, db), req.params.code, req.body, requirePrincipal(req)),
          ),
    );

    // ——— recommendations: the province ———

    r.get(
      '/api/v1/provinces/:provinceCode/campaign/recommendations',
      {
        config: { access: { permission: 'campaign.answer', provinceParam: 'provinceCode' } satisfies Access },
        schema: {
          tags,
          summary:
            'Hộp kiến nghị của tỉnh (lọc: trạng thái, lĩnh vực, xã, quá hạn, giao cho tôi); cán bộ sở chỉ thấy kiến nghị giao cho mình',
          params: Province,
          querystring: RecommendationFilters,
          response: { 200: RecommendationList },
        },
      },
      async (req) => ({
        items: await listProvinceRecommendations(db, req.params.provinceCode, requirePrincipal(req), {
          ...req.query,
          overdue: bool(req.query.overdue),
          mine: bool(req.query.mine),
        }),
      }),
    );

    r.get(
      '/api/v1/provinces/:provinceCode/campaign/department-handlers',
      {
        config: {
          access: { permission: 'campaign.province', provinceParam: 'provinceCode' } satisfies Access,
        },
        schema: {
          tags,
          summary: 'Cán bộ sở, ngành của tỉnh (để giao kiến nghị)',
          params: Province,
          response: { 200: DepartmentHandlerList },
        },
      },
      async (req) => ({ items: await departmentHandlers(db, req.params.provinceCode) }),
    );

    // ——— recommendations: the record ———

    r.get(
      '/api/v1/campaign/recommendations/:id',
      {
        config: recRead,
        schema: {
          tags,
          summary: 'Một kiến nghị và lịch sử xử lý (xã gửi và tỉnh đọc được)',
          params: Id,
          response: { 200: RecommendationDetail },
        },
      },
      async (req) => getRecommendation(db, req.params.id, requirePrincipal(req)),
    );

    r.post(
      '/api/v1/campaign/recommendations/:id/receive',
      {
        config: recProvince('campaign.province'),
        schema: {
          tags,
          summary: 'Tỉnh tiếp nhận kiến nghị (hạn trả lời tính từ ngày tiếp nhận, theo ngày làm việc)',
          params: Id,
          body: ReceiveRecommendation,
          response: { 200: RecommendationDetail },
        },
      },
      async (req) => takeStep(req, db, 'province', receiveRecommendation, req.body),
    );

    r.post(
      '/api/v1/campaign/recommendations/:id/assign',
      {
        config: recProvince('campaign.province'),
        schema: {
          tags,
          summary: 'Tỉnh giao kiến nghị cho sở, ngành (tên sở; tùy chọn tài khoản cán bộ sở của tỉnh)',
          params: Id,
          body: AssignRecommendation,
          response: { 200: RecommendationDetail },
        },
      },
      async (req) => takeStep(req, db, 'province', assignRecommendation, req.body),
    );

    r.post(
      '/api/v1/campaign/recommendations/:id/answer',
      {
        config: recProvince('campaign.answer'),
        schema: {
          tags,
          summary:
            'Trả lời kiến nghị: kết quả (resolved | partly | declined — từ chối phải nêu lý do); cán bộ sở chỉ trả lời kiến nghị giao cho mình',
          params: Id,
          body: AnswerRecommendation,
          response: { 200: RecommendationDetail },
        },
      },
      async (req) => {
        const actor = await provinceActor(req, db, req.params.id);
        await answerRecommendation(writeContext(req, db), req.params.id, req.body, actor);
        return getRecommendation(db, req.params.id, requirePrincipal(req));
      },
    );

    r.post(
      '/api/v1/campaign/recommendations/:id/close',
      {
        config: recCommune,
        schema: {
          tags,
          summary: 'Xã đóng kiến nghị đã được trả lời',
          params: Id,
          body: CloseRecommendation,
          response: { 200: RecommendationDetail },
        },
      },
      async (req) => takeStep(req, db, 'commune', closeRecommendation, req.body),
    );

    r.post(
      '/api/v1/campaign/recommendations/:id/reopen',
      {
        config: recCommune,
        schema: {
          tags,
          summary: 'Xã mở lại kiến nghị đã được trả lời, nêu lý do (tỉnh tiếp nhận lại, hạn mới)',
          params: Id,
          body: ReopenRecommendation,
          response: { 200: RecommendationDetail },
        },
      },
      async (req) => takeStep(req, db, 'commune', reopenRecommendation, req.body),
    );

    r.post(
      '/api/v1/campaign/recommendations/:id/evidence',
      {
        config: recCommune,
        schema: {
          tags,
          summary: `Xã thêm minh chứng (multipart/form-data, trường "file": PDF/JPEG/PNG theo nội dung, tối đa ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB) khi tỉnh chưa trả lời`,
          consumes: ['multipart/form-data'],
          params: Id,
          response: { 201: EvidenceFile },
        },
      },
      async (req, reply) => {
        const upload = await readEvidenceUpload(req, {
          maxBytes: EVIDENCE_MAX_BYTES,
          missing: ['Chưa có tệp.', 'No file was sent.'],
        });
        return reply
          .status(201)
          .send(await addEvidence(writeContext(req, db), storage, req.params.id, upload));
      },
    );

    r.get(
      '/api/v1/campaign/recommendations/:id/evidence/:fileId',
      {
        config: recRead,
        schema: { tags, summary: 'Tệp minh chứng của kiến nghị (SHA-256 được kiểm tra)', params: FileParams },
      },
      async (req, reply) => {
        await getRecommendation(db, req.params.id, requirePrincipal(req));
        const { file, bytes } = await getEvidence(db, storage, req.params.id, req.params.fileId);
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition('inline', file.name))
          .header('x-content-type-options', 'nosniff')
          .header('etag', `"${file.sha256}"`)
          .send(bytes);
      },
    );

    // ——— directives: the commune ———

    r.get(
      '/api/v1/communes/:code/campaign/directives',
      {
        config: { access: { permission: 'campaign.read', communeParam: 'code' } satisfies Access },
        schema: {
          tags,
          summary:
            'Chỉ đạo của đoàn kiểm tra tỉnh cho xã: việc chưa xong trước, theo hạn (lọc: trạng thái, quá hạn)',
          params: Code,
          querystring: DirectiveFilters,
          response: { 200: DirectiveList },
        },
      },
      async (req) => ({
        items: await listCommuneDirectives(db, req.params.code, {
          status: req.query.status,
          overdue: bool(req.query.overdue),
        }),
      }),
    );

    r.get(
      '/api/v1/campaign/directives/:id',
      {
        config: directive('campaign.read'),
        schema: { tags, summary: 'Một chỉ đạo', params: Id, response: { 200: Directive } },
      },
      async (req) => getDirective(db, req.params.id),
    );

    r.post(
      '/api/v1/campaign/directives/:id/done',
      {
        config: directive('campaign.manage'),
        schema: {
          tags,
          summary: 'Lãnh đạo xã báo cáo đã thực hiện chỉ đạo, kèm ghi chú',
          params: Id,
          body: DirectiveDone,
          response: { 200: Directive },
        },
      },
      async (req) => markDirectiveDone(writeContext(req, db), req.params.id, req.body),
    );

    // ——— inspections: the province ———

    r.get(
      '/api/v1/provinces/:provinceCode/campaign/inspections',
      {
        config: { access: { permission: 'campaign.read', provinceParam: 'provinceCode' } satisfies Access },
        schema: {
          tags,
          summary: 'Các đoàn kiểm tra của tỉnh: xã đến, kết quả, chỉ đạo và tiến độ',
          params: Province,
          response: { 200: InspectionList },
        },
      },
      async (req) => ({ items: await listInspections(db, req.params.provinceCode) }),
    );

    r.post(
      '/api/v1/provinces/:provinceCode/campaign/inspections',
      {
        config: {
          access: { permission: 'campaign.province', provinceParam: 'provinceCode' } satisfies Access,
        },
        schema: {
          tags,
          summary:
            'Lập kế hoạch đoàn kiểm tra: tiêu đề, ngày, trưởng đoàn và thành viên, các xã đến (của tỉnh)',
          params: Province,
          body: NewInspection,
          response: { 201: Inspection },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await createInspection(writeContext(req, db), req.params.provinceCode, req.body)),
    );

    r.get(
      '/api/v1/campaign/inspections/:id',
      {
        config: inspection('campaign.read'),
        schema: { tags, summary: 'Một đoàn kiểm tra', params: Id, response: { 200: Inspection } },
      },
      async (req) => getInspection(db, req.params.id),
    );

    r.patch(
      '/api/v1/campaign/inspections/:id',
      {
        config: inspection('campaign.province'),
        schema: {
          tags,
          summary: 'Sửa kế hoạch (khi chưa kết thúc) hoặc kết thúc: status done | cancelled',
          params: Id,
          body: InspectionChange,
          response: { 200: Inspection },
        },
      },
      async (req) => changeInspection(writeContext(req, db), req.params.id, req.body),
    );

    r.put(
      '/api/v1/campaign/inspections/:id/visits/:communeCode',
      {
        config: inspection('campaign.province'),
        schema: {
          tags,
          summary: 'Thời gian đến và kết quả kiểm tra tại một xã',
          params: Visit,
          body: VisitInput,
          response: { 200: Inspection },
        },
      },
      async (req) => recordVisit(writeContext(req, db), req.params.id, req.params.communeCode, req.body),
    );

    r.post(
      '/api/v1/campaign/inspections/:id/directives',
      {
        config: inspection('campaign.province'),
        schema: {
          tags,
          summary: 'Chỉ đạo cho một xã đoàn đến: nội dung, hạn hoàn thành (thành việc của xã)',
          params: Id,
          body: NewDirective,
          response: { 201: Directive },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await addDirective(writeContext(req, db), req.params.id, req.body)),
    );
  });
}
