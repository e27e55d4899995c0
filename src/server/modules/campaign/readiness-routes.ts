/**
 * HTTP for readiness: the province's settings ([U] values) and checklist templates (versions, draft, publish),
 * a commune's checklist with its computed readiness, the leader's answers and the evidence files (multipart,
 * checked by content; read back SHA-256 verified).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnswerRequest,
  CampaignSettingsInput,
  CampaignSettingsView,
  CommuneReadiness,
  CreateTemplateRequest,
  Evidence,
  ItemKey,
  ReadinessTemplate,
  ReadinessTemplateList,
  SaveTemplateRequest,
} from '../../../common/api/campaign-readiness';
import { CommuneCodeParam, ProvinceCodeParam } from '../../../common/api/units';
import { type Access, authorizeCommune, writeContext } from '../../http/auth';
import { contentDisposition } from '../dossiers/attachment-names';
import { createFileStorage } from '../dossiers/storage';
import { readEvidenceUpload } from './evidence-upload';
import type { CampaignDeps } from './index';
import {
  addEvidence,
  answerItem,
  communeReadiness,
  EVIDENCE_MAX_BYTES,
  evidenceContent,
  removeEvidence,
} from './readiness-answers';
import { DEFAULT_CAMPAIGN_SETTINGS, saveSettings, settingsOf } from './settings';
import {
  createDraft,
  deleteDraft,
  getTemplate,
  listTemplates,
  provinceOfTemplate,
  publishDraft,
  saveDraft,
} from './templates';

const tags = ['campaign'];
const Province = z.object({ provinceCode: ProvinceCodeParam });
const Code = z.object({ code: CommuneCodeParam });
const Item = z.object({ code: CommuneCodeParam, itemKey: ItemKey });
const File = z.object({ code: CommuneCodeParam, itemKey: ItemKey, fileId: z.string().uuid() });
const Id = z.object({ id: z.string().uuid() });

const onTemplate: Access = {
  permission: 'campaign.province',
  recordParam: 'id',
  provinceOf: provinceOfTemplate,
};

/** Whether the caller may do `permission` over the commune (for the page's "what may I do"). */
async function can(req: FastifyRequest, deps: CampaignDeps, code: string, permission: 'campaign.manage') {
  try {
    await authorizeCommune(req, deps.db, code, permission);
    return true;
  } catch {
    return false;
  }
}

export function registerReadinessRoutes(app: FastifyInstance, deps: CampaignDeps) {
  const { db, config } = deps;

  const settingsView = async (provinceCode: string) => {
    const { goLiveThreshold, receiveDays, answerDays, urgentAnswerDays } = DEFAULT_CAMPAIGN_SETTINGS;
    return {
      ...(await settingsOf(db, provinceCode)),
      defaults: { goLiveThreshold, receiveDays, answerDays, urgentAnswerDays },
    };
  };

  void app.register(async (scope) => {
    const storage = deps.storage ?? (await createFileStorage(config, db));
    await scope.register(multipart, {
      limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 1000 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    // ——— settings ———

    r.get(
      '/api/v1/provinces/:provinceCode/campaign/settings',
      {
        config: { access: { permission: 'campaign.read', provinceParam: 'provinceCode' } satisfies Access },
        schema: {
          tags,
          summary:
            'Cấu hình vận hành thử nghiệm của tỉnh: ngưỡng sẵn sàng, thời hạn kiến nghị (giả định [U], cấu hình được) (campaign settings)',
          params: Province,
          response: { 200: CampaignSettingsView },
        },
      },
      async (req) => settingsView(req.params.provinceCode),
    );

    r.put(
      '/api/v1/provinces/:provinceCode/campaign/settings',
      {
        config: {
          access: { permission: 'campaign.province', provinceParam: 'provinceCode' } satisfies Access,
        },
        schema: {
          tags,
          summary: 'Cán bộ tỉnh đặt cấu hình vận hành thử nghiệm (set the campaign settings)',
          params: Province,
          body: CampaignSettingsInput,
          response: { 200: CampaignSettingsView },
        },
      },
      async (req) => {
        await saveSettings(writeContext(req, db), req.params.provinceCode, req.body);
        return settingsView(req.params.provinceCode);
      },
    );

    // ——— templates ———

    r.get(
      '/api/v1/provinces/:provinceCode/campaign/readiness-templates',
      {
        config: {
          access: { permission: 'campaign.province', provinceParam: 'provinceCode' } satisfies Access,
        },
        schema: {
          tags,
          summary: 'Các phiên bản danh mục kiểm tra sẵn sàng của tỉnh, mới nhất trước (readiness templates)',
          params: Province,
          response: { 200: ReadinessTemplateList },
        },
      },
      async (req) => ({ items: await listTemplates(db, req.params.provinceCode) }),
    );

    r.post(
      '/api/v1/provinces/:provinceCode/campaign/readiness-templates',
      {
        config: {
          access: { permission: 'campaign.province', provinceParam: 'provinceCode' } satisfies Access,
        },
        schema: {
          tags,
          summary:
            'Tạo bản nháp: sao chép bản đang áp dụng (mặc định), mẫu gợi ý (starter) hoặc trống; mỗi lúc một bản nháp (create a draft)',
          params: Province,
          body: CreateTemplateRequest,
          response: { 201: ReadinessTemplate },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await createDraft(writeContext(req, db), req.params.provinceCode, req.body.from)),
    );

    r.get(
      '/api/v1/campaign/readiness-templates/:id',
      {
        config: { access: onTemplate },
        schema: {
          tags,
          summary: 'Một phiên bản danh mục (a template)',
          params: Id,
          response: { 200: ReadinessTemplate },
        },
      },
      async (req) => getTemplate(db, req.params.id),
    );

    r.put(
      '/api/v1/campaign/readiness-templates/:id',
      {
        config: { access: onTemplate },
        schema: {
          tags,
          summary:
            'Lưu bản nháp: tiêu đề và toàn bộ các mục (nhóm, nội dung, trọng số, người phụ trách, hạn, bắt buộc, kiểm tra tự động) (save a draft)',
          params: Id,
          body: SaveTemplateRequest,
          response: { 200: ReadinessTemplate },
        },
      },
      async (req) => saveDraft(writeContext(req, db), req.params.id, req.body),
    );

    r.post(
      '/api/v1/campaign/readiness-templates/:id/publish',
      {
        config: { access: onTemplate },
        schema: {
          tags,
          summary:
            'Ban hành bản nháp; bản đang áp dụng chuyển thành "đã thay thế", câu trả lời của xã giữ theo mã mục (publish)',
          params: Id,
          response: { 200: ReadinessTemplate },
        },
      },
      async (req) => publishDraft(writeContext(req, db), req.params.id),
    );

    r.delete(
      '/api/v1/campaign/readiness-templates/:id',
      {
        config: { access: onTemplate },
        schema: { tags, summary: 'Xóa bản nháp (discard a draft)', params: Id, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await deleteDraft(writeContext(req, db), req.params.id);
        return reply.status(204).send(null);
      },
    );

    // ——— a commune's checklist ———

    r.get(
      '/api/v1/communes/:code/campaign/readiness',
      {
        config: { access: { permission: 'campaign.read', communeParam: 'code' } satisfies Access },
        schema: {
          tags,
          summary:
            'Danh mục sẵn sàng của xã: các mục theo nhóm, trạng thái, minh chứng, kết quả kiểm tra tự động, mức sẵn sàng có trọng số và vướng mắc (readiness of a commune)',
          params: Code,
          response: { 200: CommuneReadiness },
        },
      },
      async (req) =>
        communeReadiness(db, req.params.code, {
          canAnswer: await can(req, deps, req.params.code, 'campaign.manage'),
        }),
    );

    r.put(
      '/api/v1/communes/:code/campaign/readiness/items/:itemKey',
      {
        config: { access: { permission: 'campaign.manage', communeParam: 'code' } satisfies Access },
        schema: {
          tags,
          summary:
            'Lãnh đạo xã cập nhật một mục: trạng thái, ghi chú, người phụ trách, hạn; gửi kèm phiên bản đã đọc; mục kiểm tra tự động → 409 (answer an item)',
          params: Item,
          body: AnswerRequest,
          response: { 200: CommuneReadiness },
        },
      },
      async (req) => {
        await answerItem(writeContext(req, db), req.params.code, req.params.itemKey, req.body);
        return communeReadiness(db, req.params.code, { canAnswer: true });
      },
    );

    r.post(
      '/api/v1/communes/:code/campaign/readiness/items/:itemKey/evidence',
      {
        config: { access: { permission: 'campaign.manage', communeParam: 'code' } satisfies Access },
        schema: {
          tags,
          summary: `Thêm minh chứng (multipart/form-data, trường "file"): ảnh JPEG/PNG hoặc PDF/DOCX/ODT theo nội dung, tối đa ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB (add evidence)`,
          consumes: ['multipart/form-data'],
          params: Item,
          response: { 201: Evidence },
        },
      },
      async (req, reply) => {
        const upload = await readEvidenceUpload(req, {
          maxBytes: EVIDENCE_MAX_BYTES,
          defaultName: 'minh-chung',
          missing: ['Chưa chọn tệp minh chứng.', 'No evidence file was sent.'],
        });
        const evidence = await addEvidence(
          writeContext(req, db),
          storage,
          req.params.code,
          req.params.itemKey,
          upload,
        );
        return reply.status(201).send(evidence);
      },
    );

    r.get(
      '/api/v1/communes/:code/campaign/readiness/items/:itemKey/evidence/:fileId',
      {
        config: { access: { permission: 'campaign.read', communeParam: 'code' } satisfies Access },
        schema: {
          tags,
          summary: 'Tệp minh chứng, đã đối chiếu SHA-256 (evidence file)',
          params: File,
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        },
      },
      async (req, reply) => {
        const { evidence, bytes } = await evidenceContent(
          db,
          storage,
          req.params.code,
          req.params.itemKey,
          req.params.fileId,
        );
        return reply
          .type(evidence.contentType)
          .header(
            'content-disposition',
            contentDisposition(req.query.download === '1' ? 'attachment' : 'inline', evidence.name),
          )
          .header('cache-control', 'private, no-cache')
          .send(bytes);
      },
    );

    r.delete(
      '/api/v1/communes/:code/campaign/readiness/items/:itemKey/evidence/:fileId',
      {
        config: { access: { permission: 'campaign.manage', communeParam: 'code' } satisfies Access },
        schema: {
          tags,
          summary: 'Gỡ một minh chứng (remove evidence)',
          params: File,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await removeEvidence(writeContext(req, db), req.params.code, req.params.itemKey, req.params.fileId);
        return reply.status(204).send(null);
      },
    );
  });
}
