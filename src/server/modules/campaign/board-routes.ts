import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Board,
  BoardHistory,
  BoardHistoryQuery,
  BoardQuery,
  CommuneCampaignSummary,
} from '../../../common/api/campaign-board';
import { CommuneCodeParam, ProvinceCodeParam } from '../../../common/api/units';
import type { Access } from '../../http/auth';
import { boardHistory, communeCampaignSummary, provinceBoard } from './board';
import { boardXlsx } from './board-export';
import { boardPdf } from './board-pdf';
import type { CampaignDeps } from './index';

const tags = ['campaign'];
/** The province's officers (and departments, administrators); commune officials and other provinces → 403. */
const province = { permission: 'campaign.read', provinceParam: 'provinceCode' } satisfies Access;
const Params = z.object({ provinceCode: ProvinceCodeParam });

/** The province campaign board, its readiness history and exports; a commune's own column. */
export function registerBoardRoutes(app: FastifyInstance, { db }: CampaignDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/provinces/:provinceCode/campaign/board',
    {
      config: { access: province },
      schema: {
        tags,
        summary:
          'Bảng tổng hợp vận hành thử nghiệm: mỗi xã một dòng (sẵn sàng, diễn tập, sự cố, kiến nghị, chỉ đạo, vận hành chính thức), lọc, xếp xã cần hỗ trợ trước (province campaign board)',
        params: Params,
        querystring: BoardQuery,
        response: { 200: Board },
      },
    },
    async (req) => provinceBoard(db, req.params.provinceCode, req.query),
  );

  r.get(
    '/api/v1/provinces/:provinceCode/campaign/board/history',
    {
      config: { access: province },
      schema: {
        tags,
        summary:
          'Mức sẵn sàng theo ngày của từng xã và trung bình của tỉnh (ngày không tính lại giữ số của lần gần nhất); tối đa một năm (readiness over time)',
        params: Params,
        querystring: BoardHistoryQuery,
        response: { 200: BoardHistory },
      },
    },
    async (req) => boardHistory(db, req.params.provinceCode, req.query),
  );

  r.get(
    '/api/v1/provinces/:provinceCode/campaign/board.xlsx',
    {
      config: { access: province },
      schema: {
        tags,
        summary: 'Xuất bảng tổng hợp ra Excel với cùng bộ lọc (board as XLSX)',
        params: Params,
        querystring: BoardQuery,
      },
    },
    async (req, reply) => {
      const board = await provinceBoard(db, req.params.provinceCode, req.query);
      const file = await boardXlsx(board, req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="tong-hop-van-hanh-${board.province.code}-${board.asOf}.xlsx"`,
        )
        .header('x-rows', String(board.rows.length))
        .send(file);
    },
  );

  r.get(
    '/api/v1/provinces/:provinceCode/campaign/board.pdf',
    {
      config: { access: province },
      schema: {
        tags,
        summary: 'Bảng tổng hợp bản in PDF (A4 ngang) với cùng bộ lọc (board as PDF)',
        params: Params,
        querystring: BoardQuery,
      },
    },
    async (req, reply) => {
      const board = await provinceBoard(db, req.params.provinceCode, req.query);
      const file = await boardPdf(board, req.query);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="tong-hop-van-hanh-${board.province.code}-${board.asOf}.pdf"`,
        )
        .send(file);
    },
  );

  r.get(
    '/api/v1/communes/:code/campaign/summary',
    {
      config: { access: { permission: 'campaign.read', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Cột của xã trên bảng tổng hợp của tỉnh: sẵn sàng, diễn tập, sự cố, kiến nghị, chỉ đạo, vận hành (a commune’s own column)',
        params: z.object({ code: CommuneCodeParam }),
        response: { 200: CommuneCampaignSummary },
      },
    },
    async (req) => communeCampaignSummary(db, req.params.code),
  );
}
