/**
 * Routes of the trial runs (kế hoạch vận hành thử nghiệm), incidents (sự cố) and lessons learned (bài học kinh
 * nghiệm): commune-scoped lists and creation, records by id, the province's lessons.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CancelTrialRequest,
  CommuneLessonQuery,
  CreateIncidentRequest,
  CreateLessonRequest,
  CreateTrialRequest,
  Deleted,
  HoldTrialRequest,
  IncidentDetail,
  IncidentList,
  IncidentListQuery,
  Lesson,
  LessonList,
  MoveTrialRequest,
  ProvinceLessonQuery,
  ReopenIncidentRequest,
  ResolveIncidentRequest,
  TrialDetail,
  TrialList,
  TrialListQuery,
  UpdateIncidentRequest,
  UpdateLessonRequest,
  UpdateTrialRequest,
} from '../../../common/api/campaign-trials';
import { CommuneCodeParam, ProvinceCodeParam } from '../../../common/api/units';
import type { WriteContext } from '../../db/transaction';
import { type Access, writeContext } from '../../http/auth';
import { provinceOfCommune } from './campaign-common';
import {
  communeOfIncident,
  createIncident,
  getIncidentDetail,
  listIncidents,
  reopenIncident,
  resolveIncident,
  updateIncident,
} from './incidents';
import type { CampaignDeps } from './index';
import { communeOfLesson, createLesson, deleteLesson, getLesson, listLessons, updateLesson } from './lessons';
import {
  cancelTrial,
  communeOfTrial,
  createTrial,
  getTrialDetail,
  holdTrial,
  listTrials,
  moveTrial,
  updateTrial,
} from './trials';

const Code = z.object({ code: CommuneCodeParam });
const Province = z.object({ provinceCode: ProvinceCodeParam });
const Id = z.object({ id: z.string().uuid() });
const tags = ['campaign'];

type Perm = 'campaign.read' | 'campaign.contribute' | 'campaign.manage';
const commune = (permission: Perm): Access => ({ permission, communeParam: 'code' });
const record =
  (communeOf: (db: CampaignDeps['db'], id: string) => Promise<string | null>) =>
  (permission: Perm): Access => ({ permission, recordParam: 'id', communeOf });
const trial = record(communeOfTrial);
const incident = record(communeOfIncident);
const lesson = record(communeOfLesson);

const reporterOf = (req: FastifyRequest) =>
  req.principal?.displayName.replace(/ \(demo\)$/, '') ?? req.principal?.username ?? 'anonymous';

export function registerTrialRoutes(app: FastifyInstance, deps: CampaignDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  /** A change to the record `:id` (its body checked by `body`), made in the caller's name; answers with the record. */
  const change = <B extends z.ZodTypeAny, R extends z.ZodTypeAny>(route: {
    method: 'PATCH' | 'POST';
    url: string;
    access: Access;
    summary: string;
    body: B;
    response: R;
    act: (ctx: WriteContext, id: string, body: z.output<B>) => Promise<z.input<R>>;
  }) =>
    r.route({
      method: route.method,
      url: route.url,
      config: { access: route.access },
      schema: {
        tags,
        summary: route.summary,
        params: Id,
        body: route.body,
        // The reply's type is checked where the route is declared (act returns the response's input type).
        response: { 200: route.response as z.ZodTypeAny },
      },
      handler: async (req) => route.act(writeContext(req, db), req.params.id, req.body as z.output<B>),
    });

  /** A new record of the commune `:code` (its body checked by `body`), reported by the caller; answers 201 with it. */
  const create = <B extends z.ZodTypeAny, R extends z.ZodTypeAny>(route: {
    url: string;
    access: Access;
    summary: string;
    body: B;
    response: R;
    act: (ctx: WriteContext, communeCode: string, body: z.output<B>, reporter: string) => Promise<z.input<R>>;
  }) =>
    r.post(
      route.url,
      {
        config: { access: route.access },
        // The reply's type is checked where the route is declared (act returns the response's input type).
        schema: {
          tags,
          summary: route.summary,
          params: Code,
          body: route.body,
          response: { 201: route.response as z.ZodTypeAny },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await route.act(writeContext(req, db), req.params.code, req.body as z.output<B>, reporterOf(req)),
          ),
    );

  // ——— trial plans ———

  r.get(
    '/api/v1/communes/:code/campaign/trials',
    {
      config: { access: commune('campaign.read') },
      schema: {
        tags,
        summary: 'Kế hoạch vận hành thử nghiệm của xã (lọc theo trạng thái, ngày), ngày muộn nhất trước',
        params: Code,
        querystring: TrialListQuery,
        response: { 200: TrialList },
      },
    },
    async (req) => listTrials(db, req.params.code, req.query),
  );

  create({
    url: '/api/v1/communes/:code/campaign/trials',
    access: commune('campaign.manage'),
    summary:
      'Lập kế hoạch vận hành thử nghiệm: ngày, buổi, nội dung diễn tập, tổ công tác, xã quan sát (cùng tỉnh)',
    body: CreateTrialRequest,
    response: TrialDetail,
    act: createTrial,
  });

  r.get(
    '/api/v1/campaign/trials/:id',
    {
      config: { access: trial('campaign.read') },
      schema: {
        tags,
        summary:
          'Một kế hoạch: nội dung, tổ công tác, lịch sử dời ngày; các cuộc họp diễn tập và hồ sơ diễn tập của ngày đó',
        params: Id,
        response: { 200: TrialDetail },
      },
    },
    async (req) => getTrialDetail(db, req.params.id),
  );

  change({
    method: 'PATCH',
    url: '/api/v1/campaign/trials/:id',
    access: trial('campaign.manage'),
    summary: 'Sửa nội dung, tổ công tác, xã quan sát, ghi chú của kế hoạch chưa tổ chức (kèm phiên bản)',
    body: UpdateTrialRequest,
    response: TrialDetail,
    act: updateTrial,
  });

  change({
    method: 'POST',
    url: '/api/v1/campaign/trials/:id/move',
    access: trial('campaign.manage'),
    summary: 'Dời kế hoạch sang ngày hoặc buổi khác, có lý do (ghi nhật ký)',
    body: MoveTrialRequest,
    response: TrialDetail,
    act: moveTrial,
  });

  change({
    method: 'POST',
    url: '/api/v1/campaign/trials/:id/hold',
    access: trial('campaign.manage'),
    summary: 'Ghi nhận đã tổ chức vận hành thử nghiệm, với báo cáo tóm tắt của tổ công tác',
    body: HoldTrialRequest,
    response: TrialDetail,
    act: holdTrial,
  });

  change({
    method: 'POST',
    url: '/api/v1/campaign/trials/:id/cancel',
    access: trial('campaign.manage'),
    summary: 'Hủy kế hoạch, có lý do',
    body: CancelTrialRequest,
    response: TrialDetail,
    act: cancelTrial,
  });

  // ——— incidents ———

  r.get(
    '/api/v1/communes/:code/campaign/incidents',
    {
      config: { access: commune('campaign.read') },
      schema: {
        tags,
        summary:
          'Sự cố của xã (lọc theo trạng thái, mức độ, loại, kế hoạch), mới nhất trước, theo trang; kèm sự cố đang chặn vận hành chính thức',
        params: Code,
        querystring: IncidentListQuery,
        response: { 200: IncidentList },
      },
    },
    async (req) => listIncidents(db, req.params.code, req.query),
  );

  create({
    url: '/api/v1/communes/:code/campaign/incidents',
    access: commune('campaign.contribute'),
    summary: 'Ghi nhận sự cố: loại, mức độ, thời điểm, mô tả, người báo',
    body: CreateIncidentRequest,
    response: IncidentDetail,
    act: createIncident,
  });

  r.get(
    '/api/v1/campaign/incidents/:id',
    {
      config: { access: incident('campaign.read') },
      schema: { tags, summary: 'Một sự cố với lịch sử xử lý', params: Id, response: { 200: IncidentDetail } },
    },
    async (req) => getIncidentDetail(db, req.params.id),
  );

  change({
    method: 'PATCH',
    url: '/api/v1/campaign/incidents/:id',
    access: incident('campaign.contribute'),
    summary: 'Sửa sự cố (kèm phiên bản)',
    body: UpdateIncidentRequest,
    response: IncidentDetail,
    act: updateIncident,
  });

  change({
    method: 'POST',
    url: '/api/v1/campaign/incidents/:id/resolve',
    access: incident('campaign.contribute'),
    summary: 'Ghi nhận đã khắc phục: ai khắc phục, khi nào, cách khắc phục (tính thời gian khắc phục)',
    body: ResolveIncidentRequest,
    response: IncidentDetail,
    act: resolveIncident,
  });

  change({
    method: 'POST',
    url: '/api/v1/campaign/incidents/:id/reopen',
    access: incident('campaign.contribute'),
    summary: 'Mở lại sự cố đã khắc phục (có lý do)',
    body: ReopenIncidentRequest,
    response: IncidentDetail,
    act: reopenIncident,
  });

  // ——— lessons ———

  r.get(
    '/api/v1/communes/:code/campaign/lessons',
    {
      config: { access: commune('campaign.read') },
      schema: {
        tags,
        summary:
          'Bài học kinh nghiệm của xã, hoặc của cả tỉnh (scope=province); tìm không dấu, lọc theo thẻ và xã, theo trang',
        params: Code,
        querystring: CommuneLessonQuery,
        response: { 200: LessonList },
      },
    },
    async (req) => {
      const provinceCode = await provinceOfCommune(db, req.params.code);
      const { scope, ...q } = req.query;
      return listLessons(
        db,
        scope === 'province' ? { provinceCode } : { provinceCode, communeCode: req.params.code },
        q,
      );
    },
  );

  create({
    url: '/api/v1/communes/:code/campaign/lessons',
    access: commune('campaign.contribute'),
    summary: 'Viết bài học kinh nghiệm (tiêu đề, nội dung, thẻ, kế hoạch liên quan)',
    body: CreateLessonRequest,
    response: Lesson,
    act: createLesson,
  });

  r.get(
    '/api/v1/provinces/:provinceCode/campaign/lessons',
    {
      config: { access: { permission: 'campaign.read', provinceParam: 'provinceCode' } },
      schema: {
        tags,
        summary: 'Bài học kinh nghiệm của mọi xã trong tỉnh; tìm không dấu, lọc theo thẻ và xã, theo trang',
        params: Province,
        querystring: ProvinceLessonQuery,
        response: { 200: LessonList },
      },
    },
    async (req) => listLessons(db, { provinceCode: req.params.provinceCode }, req.query),
  );

  r.get(
    '/api/v1/campaign/lessons/:id',
    {
      config: { access: lesson('campaign.read') },
      schema: { tags, summary: 'Một bài học kinh nghiệm', params: Id, response: { 200: Lesson } },
    },
    async (req) => getLesson(db, req.params.id),
  );

  change({
    method: 'PATCH',
    url: '/api/v1/campaign/lessons/:id',
    access: lesson('campaign.contribute'),
    summary: 'Sửa bài học kinh nghiệm',
    body: UpdateLessonRequest,
    response: Lesson,
    act: updateLesson,
  });

  r.delete(
    '/api/v1/campaign/lessons/:id',
    {
      config: { access: lesson('campaign.contribute') },
      schema: { tags, summary: 'Xóa bài học kinh nghiệm', params: Id, response: { 200: Deleted } },
    },
    async (req) => deleteLesson(writeContext(req, db), req.params.id),
  );
}
