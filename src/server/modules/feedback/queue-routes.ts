/**
 * The staff's lists of feedback: a commune's queue (filters, counts, cursor), its export to Excel and its
 * statistics; the province's queue of escalated and overdue reports and its per-commune overview.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../../common/api/calendar';
import {
  FeedbackQueueFilters,
  FeedbackQueuePage,
  FeedbackStatistics,
  ProvinceFeedbackOverview,
  ProvinceFeedbackPage,
} from '../../../common/api/feedback-queue';
import { CommuneCodeParam, ProvinceCodeParam } from '../../../common/api/units';
import type { Db } from '../../db/database';
import { requirePrincipal } from '../../http/auth';
import { fieldError, notFound } from '../../http/errors';
import { findCommuneLocation, getProvince } from '../units/service';
import { getCategory } from './categories';
import { exportFeedbackQueue } from './export';
import type { FeedbackDeps } from './index';
import { listProvinceFeedback, provinceFeedbackOverview } from './province';
import { listCommuneFeedback } from './queue';
import { feedbackStatistics } from './statistics';

const CommuneParams = z.object({ communeCode: CommuneCodeParam });
const ProvinceParams = z.object({ provinceCode: ProvinceCodeParam });
const Page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

async function communeOf(db: Db, communeCode: string, categoryId?: string) {
  const where = await findCommuneLocation(db, communeCode);
  if (!where) throw notFound('xã/phường', 'commune', communeCode);
  // A category of another province (or none) filters nothing the caller could mean: named, not an empty list.
  if (categoryId && (await getCategory(db, categoryId))?.provinceCode !== where.provinceCode)
    throw fieldError(
      'query.categoryId',
      'Không có lĩnh vực phản ánh này ở tỉnh của xã.',
      "No such feedback category in the commune's province.",
    );
  return where;
}

export function registerQueueRoutes(app: FastifyInstance, deps: FeedbackDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['feedback'];
  const read = { permission: 'feedback.read', communeParam: 'communeCode' } as const;
  const provinceRead = { permission: 'feedback.read', provinceParam: 'provinceCode' } as const;

  r.get(
    '/api/v1/communes/:communeCode/feedback',
    {
      config: { access: read },
      schema: {
        tags,
        summary:
          'Hàng đợi phản ánh của xã: lọc theo trạng thái, lĩnh vực, kênh, sắp đến hạn/quá hạn, tìm theo mã, nội dung (không dấu), số điện thoại; của tôi; kèm số lượng — staff queue',
        params: CommuneParams,
        querystring: FeedbackQueueFilters.extend(Page),
        response: { 200: FeedbackQueuePage },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const commune = await communeOf(db, req.params.communeCode, req.query.categoryId);
      return listCommuneFeedback(db, commune, principal.accountId, req.query);
    },
  );

  r.get(
    '/api/v1/communes/:communeCode/feedback/export.xlsx',
    {
      config: { access: read },
      schema: {
        tags,
        summary:
          'Xuất danh sách phản ánh ra Excel với cùng bộ lọc như hàng đợi (tối đa 5.000 dòng) — export the queue to XLSX',
        params: CommuneParams,
        querystring: FeedbackQueueFilters,
      },
    },
    async (req, reply) => {
      const principal = requirePrincipal(req);
      const commune = await communeOf(db, req.params.communeCode, req.query.categoryId);
      const result = await exportFeedbackQueue(db, commune, principal.accountId, req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="phan-anh-${req.params.communeCode}.xlsx"`)
        .header('x-rows', String(result.rows))
        .header('x-truncated', String(result.truncated))
        .send(result.xlsx);
    },
  );

  r.get(
    '/api/v1/communes/:communeCode/feedback/statistics',
    {
      config: { access: read },
      schema: {
        tags,
        summary:
          'Thống kê phản ánh của xã theo ngày tiếp nhận: đã nhận, trả lời đúng hạn, trễ hạn, quá hạn chưa xử lý, theo lĩnh vực, số ngày làm việc trung bình, đánh giá — statistics',
        params: CommuneParams,
        querystring: z.object({ from: IsoDate.optional(), to: IsoDate.optional() }),
        response: { 200: FeedbackStatistics },
      },
    },
    async (req) => {
      await communeOf(db, req.params.communeCode);
      return feedbackStatistics(db, req.params.communeCode, req.query);
    },
  );

  r.get(
    '/api/v1/provinces/:provinceCode/feedback',
    {
      config: { access: provinceRead },
      schema: {
        tags,
        summary:
          'Phản ánh cần tỉnh xem: đã chuyển lên tỉnh (escalated) và quá hạn ở các xã (overdue) — province queue',
        params: ProvinceParams,
        querystring: z.object({
          state: z.enum(['escalated', 'overdue']).optional(),
          communeCode: CommuneCodeParam.optional(),
          q: z.string().trim().max(200).optional(),
          ...Page,
        }),
        response: { 200: ProvinceFeedbackPage },
      },
    },
    async (req) => {
      await getProvince(db, req.params.provinceCode);
      return listProvinceFeedback(db, req.params.provinceCode, req.query);
    },
  );

  r.get(
    '/api/v1/provinces/:provinceCode/feedback/overview',
    {
      config: { access: provinceRead },
      schema: {
        tags,
        summary:
          'Tổng quan phản ánh theo xã của tỉnh: đang xử lý, quá hạn, đã báo lãnh đạo xã, đã chuyển lên tỉnh — province overview',
        params: ProvinceParams,
        response: { 200: ProvinceFeedbackOverview },
      },
    },
    async (req) => {
      await getProvince(db, req.params.provinceCode);
      return provinceFeedbackOverview(db, req.params.provinceCode);
    },
  );
}
