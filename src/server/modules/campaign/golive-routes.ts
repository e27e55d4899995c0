/**
 * HTTP for the go-live cutover: the guard's verdict (read by the commune and the province), the leader's cutover
 * (campaign.manage) and the province's override with a reason (campaign.province).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  GoLiveRequest,
  GoLiveResult,
  GoLiveView,
  OverrideRequest,
} from '../../../common/api/campaign-golive';
import { CommuneCodeParam } from '../../../common/api/units';
import { type Access, authorizeCommune, writeContext } from '../../http/auth';
import { goLive, goLiveView, setOverride } from './golive';
import type { CampaignDeps } from './index';

const tags = ['campaign'];
const Code = z.object({ code: CommuneCodeParam });

export function registerGoLiveRoutes(app: FastifyInstance, deps: CampaignDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  const can = async (
    req: FastifyRequest,
    code: string,
    permission: 'campaign.manage' | 'campaign.province',
  ) => {
    try {
      await authorizeCommune(req, db, code, permission);
      return true;
    } catch {
      return false;
    }
  };
  const view = async (req: FastifyRequest, code: string) =>
    goLiveView(db, code, {
      manage: await can(req, code, 'campaign.manage'),
      province: await can(req, code, 'campaign.province'),
    });

  r.get(
    '/api/v1/communes/:code/campaign/go-live',
    {
      config: { access: { permission: 'campaign.read', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Trạng thái vận hành chính thức của xã, mức sẵn sàng so với ngưỡng của tỉnh, vướng mắc, ý kiến cho phép của tỉnh (go-live state and verdict)',
        params: Code,
        response: { 200: GoLiveView },
      },
    },
    async (req) => view(req, req.params.code),
  );

  r.post(
    '/api/v1/communes/:code/campaign/go-live',
    {
      config: { access: { permission: 'campaign.manage', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Lãnh đạo xã chuyển sang vận hành chính thức từ ngày (hôm nay hoặc sau): lưu trữ dữ liệu diễn tập, tắt chế độ diễn tập, số văn bản bắt đầu lại từ 01 — trong một giao dịch (go live)',
        params: Code,
        body: GoLiveRequest,
        response: { 200: GoLiveResult },
      },
    },
    async (req) => {
      const done = await goLive(writeContext(req, db), req.params.code, req.body.liveFrom);
      return { ...(await view(req, req.params.code)), ...done };
    },
  );

  r.put(
    '/api/v1/communes/:code/campaign/go-live/override',
    {
      config: { access: { permission: 'campaign.province', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Tỉnh cho phép xã vận hành chính thức khi chưa đủ ngưỡng hoặc còn vướng mắc, nêu lý do (ít nhất 10 ký tự) (province override)',
        params: Code,
        body: OverrideRequest,
        response: { 200: GoLiveView },
      },
    },
    async (req) => {
      await setOverride(writeContext(req, db), req.params.code, req.body.reason);
      return view(req, req.params.code);
    },
  );

  r.delete(
    '/api/v1/communes/:code/campaign/go-live/override',
    {
      config: { access: { permission: 'campaign.province', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary: 'Tỉnh rút lại ý kiến cho phép (withdraw the override)',
        params: Code,
        response: { 200: GoLiveView },
      },
    },
    async (req) => {
      await setOverride(writeContext(req, db), req.params.code, null);
      return view(req, req.params.code);
    },
  );
}
