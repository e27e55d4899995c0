/**
 * The province's categories and settings of feedback: read by its officers and by the staff of its communes,
 * changed by its officers (feedback.province); the public list of a commune's categories for the submission form.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FeedbackCategory } from '../../../common/api/feedback';
import {
  CreateFeedbackCategoryRequest,
  FeedbackCategoryList,
  FeedbackSettings,
  FeedbackSettingsInput,
  PublicFeedbackCategoryList,
  UpdateFeedbackCategoryRequest,
} from '../../../common/api/feedback-queue';
import { CommuneCodeParam, ProvinceCodeParam } from '../../../common/api/units';
import type { Db } from '../../db/database';
import { communeScope, requirePrincipal, writeContext } from '../../http/auth';
import { AppError, notFound, text } from '../../http/errors';
import { publicRateLimit } from '../../http/rate-limit';
import type { Permission } from '../auth/permissions';
import { findCommuneLocation, getProvince } from '../units/service';
import { categoriesOfProvince, createCategory, provinceOfCategory, updateCategory } from './categories';
import type { FeedbackDeps } from './index';
import { feedbackSettingsOf, saveFeedbackSettings } from './settings';

const ProvinceParams = z.object({ provinceCode: ProvinceCodeParam });

/**
 * Reading the province's feedback configuration: its officers (and administrators), or the staff of one of its
 * communes (they receive reports in those categories). 403 for anyone else.
 */
export async function authorizeProvinceRead(
  req: FastifyRequest,
  db: Db,
  provinceCode: string,
  permission: Permission = 'feedback.read',
): Promise<void> {
  requirePrincipal(req);
  await getProvince(db, provinceCode);
  const scope = communeScope(req, permission);
  if (scope.all || scope.provinceCodes.includes(provinceCode)) return;
  for (const communeCode of scope.communeCodes)
    if ((await findCommuneLocation(db, communeCode))?.provinceCode === provinceCode) return;
  throw new AppError(
    'forbidden',
    text('Bạn không có quyền với dữ liệu của tỉnh này.', "You have no rights over this province's records."),
  );
}

export function registerCategoryRoutes(app: FastifyInstance, deps: FeedbackDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['feedback'];

  r.get(
    '/api/v1/public/feedback/categories',
    {
      config: { ...publicRateLimit(deps.config.publicRateLimit), access: 'public' },
      schema: {
        tags,
        summary:
          'Các lĩnh vực phản ánh đang dùng của tỉnh có xã này (cho biểu mẫu gửi phản ánh) — public categories of a commune',
        querystring: z.object({ communeCode: CommuneCodeParam }),
        response: { 200: PublicFeedbackCategoryList },
      },
    },
    async (req) => {
      const where = await findCommuneLocation(db, req.query.communeCode);
      if (!where) throw notFound('xã/phường', 'commune', req.query.communeCode);
      const items = await categoriesOfProvince(db, where.provinceCode, { activeOnly: true });
      return {
        provinceCode: where.provinceCode,
        items: items.map((c) => ({
          id: c.id,
          key: c.key,
          nameVi: c.nameVi,
          nameEn: c.nameEn,
          descriptionVi: c.descriptionVi,
          descriptionEn: c.descriptionEn,
          kind: c.kind,
          daysKind: c.daysKind,
          transferDays: c.transferDays,
          answerDays: c.answerDays,
        })),
      };
    },
  );

  r.get(
    '/api/v1/provinces/:provinceCode/feedback/categories',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Danh mục lĩnh vực phản ánh của tỉnh (cả lĩnh vực đã ngừng dùng); cán bộ tỉnh và cán bộ các xã của tỉnh — province feedback categories',
        params: ProvinceParams,
        querystring: z.object({ active: z.enum(['true', 'false']).optional() }),
        response: { 200: FeedbackCategoryList },
      },
    },
    async (req) => {
      await authorizeProvinceRead(req, db, req.params.provinceCode);
      const items = await categoriesOfProvince(db, req.params.provinceCode, {
        activeOnly: req.query.active === 'true',
      });
      return { items: req.query.active === 'false' ? items.filter((c) => !c.active) : items };
    },
  );

  r.post(
    '/api/v1/provinces/:provinceCode/feedback/categories',
    {
      config: { access: { permission: 'feedback.province', provinceParam: 'provinceCode' } },
      schema: {
        tags,
        summary:
          'Thêm lĩnh vực phản ánh của tỉnh (thời hạn 1–90 ngày, loại ngày, duyệt của lãnh đạo, cơ quan, lĩnh vực phân công); mã trùng → 409',
        params: ProvinceParams,
        body: CreateFeedbackCategoryRequest,
        response: { 201: FeedbackCategory },
      },
    },
    async (req, reply) => {
      await getProvince(db, req.params.provinceCode);
      const created = await createCategory(writeContext(req, db), req.params.provinceCode, req.body);
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/v1/feedback-categories/:id',
    {
      config: {
        access: { permission: 'feedback.province', recordParam: 'id', provinceOf: provinceOfCategory },
      },
      schema: {
        tags,
        summary:
          'Sửa lĩnh vực phản ánh (kèm version đã đọc; version cũ → 409); lĩnh vực của tỉnh khác → 404 — update a category',
        params: z.object({ id: z.string().uuid() }),
        body: UpdateFeedbackCategoryRequest,
        response: { 200: FeedbackCategory },
      },
    },
    async (req) => updateCategory(writeContext(req, db), req.params.id, req.body),
  );

  r.get(
    '/api/v1/provinces/:provinceCode/feedback/settings',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Thiết lập xử lý phản ánh của tỉnh: số ngày làm việc trước khi chuyển lên tỉnh, "sắp đến hạn" [U] — feedback settings',
        params: ProvinceParams,
        response: { 200: FeedbackSettings },
      },
    },
    async (req) => {
      await authorizeProvinceRead(req, db, req.params.provinceCode);
      return feedbackSettingsOf(db, req.params.provinceCode);
    },
  );

  r.put(
    '/api/v1/provinces/:provinceCode/feedback/settings',
    {
      config: { access: { permission: 'feedback.province', provinceParam: 'provinceCode' } },
      schema: {
        tags,
        summary: 'Lưu thiết lập xử lý phản ánh của tỉnh (cán bộ tỉnh) — save feedback settings',
        params: ProvinceParams,
        body: FeedbackSettingsInput,
        response: { 200: FeedbackSettings },
      },
    },
    async (req) => {
      await getProvince(db, req.params.provinceCode);
      return saveFeedbackSettings(writeContext(req, db), req.params.provinceCode, req.body);
    },
  );
}
