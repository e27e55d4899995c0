import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../../common/api/calendar';
import {
  ActivationResult,
  Body,
  BodyCategory,
  ImportReport,
  ImportRequest,
  Official,
  OfficialInput,
  OfficialPatch,
  OfficialStatus,
  OrgChartNode,
  PositionInput,
} from '../../../common/api/org';
import { CommuneCodeParam } from '../../../common/api/units';
import type { Db } from '../../db/database';
import { writeContext } from '../../http/auth';
import { AppError, text } from '../../http/errors';
import { commune, record } from './access';
import { registerAssignmentRoutes } from './assignment-routes';
import * as bodies from './bodies';
import * as officials from './officials';
import { formatOf } from './staff-file';
import { importStaffList } from './staff-import-service';

const Code = z.object({ code: CommuneCodeParam });
const Id = z.object({ id: z.string().uuid() });
const Flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

/** The commune's organisation: bodies, officials, positions (and, from assignment-routes, task assignment). */
export function registerOrgRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['org'];

  r.post(
    '/api/v1/communes/:code/activate',
    {
      config: commune('org.manage'),
      schema: {
        tags,
        summary: 'Kích hoạt tổ chức bộ máy của xã từ mẫu (activate: bodies from the template; idempotent)',
        params: Code,
        body: z.object({ activatedOn: IsoDate.default('2025-07-01') }).default({ activatedOn: '2025-07-01' }),
        response: { 200: ActivationResult },
      },
    },
    async (req) => {
      return bodies.activateCommune(writeContext(req, db), req.params.code, req.body.activatedOn);
    },
  );

  r.get(
    '/api/v1/communes/:code/bodies',
    {
      config: commune('org.read'),
      schema: {
        tags,
        summary: 'Cơ quan, tổ chức của xã theo thứ tự cây, kèm parentId và depth (bodies in tree order)',
        params: Code,
        querystring: z.object({ includeClosed: Flag }),
        response: { 200: z.object({ items: z.array(Body) }) },
      },
    },
    async (req) => {
      return {
        items: await bodies.listBodies(db, req.params.code, { includeClosed: req.query.includeClosed }),
      };
    },
  );

  r.post(
    '/api/v1/communes/:code/bodies',
    {
      config: commune('org.manage'),
      schema: {
        tags,
        summary: 'Thêm cơ quan, tổ chức (add a body)',
        params: Code,
        body: z.object({
          name: z.string().trim().min(2).max(200),
          shortName: z.string().trim().min(1).max(50).nullable().default(null),
          parentId: z.string().uuid().nullable().default(null),
          category: BodyCategory.default('group'),
          openedOn: IsoDate,
        }),
        response: { 201: Body },
      },
    },
    async (req, reply) => {
      return reply.status(201).send(await bodies.addBody(writeContext(req, db), req.params.code, req.body));
    },
  );

  r.patch(
    '/api/v1/bodies/:id',
    {
      config: record('org.manage', bodies.communeOfBody),
      schema: {
        tags,
        summary: 'Đổi tên, chuyển cấp trên hoặc giải thể cơ quan (rename, move or close a body)',
        params: Id,
        body: z.object({
          name: z.string().trim().min(2).max(200).optional(),
          shortName: z.string().trim().min(1).max(50).nullable().optional(),
          parentId: z.string().uuid().nullable().optional(),
          closedOn: IsoDate.optional(),
        }),
        response: { 200: Body },
      },
    },
    async (req) => {
      return bodies.updateBody(writeContext(req, db), req.params.id, req.body);
    },
  );

  r.get(
    '/api/v1/communes/:code/org-chart',
    {
      config: commune('org.read'),
      schema: {
        tags,
        summary: 'Sơ đồ tổ chức: cơ quan theo thứ tự cây với người đang giữ chức vụ (org chart)',
        params: Code,
        response: { 200: z.object({ items: z.array(OrgChartNode) }) },
      },
    },
    async (req) => {
      return { items: await bodies.orgChart(db, req.params.code) };
    },
  );

  r.get(
    '/api/v1/communes/:code/officials',
    {
      config: commune('org.read'),
      schema: {
        tags,
        summary: 'Cán bộ, công chức của xã; tìm theo tên có dấu hoặc không dấu (officials)',
        params: Code,
        querystring: z.object({
          q: z.string().max(100).optional(),
          status: OfficialStatus.optional(),
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(Official), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      return officials.listOfficials(db, req.params.code, req.query);
    },
  );

  r.post(
    '/api/v1/communes/:code/officials',
    {
      config: commune('org.manage'),
      schema: {
        tags,
        summary: 'Thêm cán bộ (add an official)',
        params: Code,
        body: OfficialInput,
        response: { 201: Official },
      },
    },
    async (req, reply) => {
      return reply
        .status(201)
        .send(await officials.createOfficial(writeContext(req, db), req.params.code, req.body));
    },
  );

  r.post(
    '/api/v1/communes/:code/officials/import',
    {
      config: commune('org.manage'),
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Nhập danh sách cán bộ từ tệp CSV/XLSX (import the staff list; all rows or none)',
        description:
          'JSON body `{ filename, contentBase64, dryRun }`; the file (≤ 2 MB, ≤ 2000 rows) has the columns Họ và tên, ' +
          'Ngày sinh (dd/mm/yyyy), Giới tính (Nam/Nữ), Điện thoại, Email, Đơn vị cũ (former commune or "Huyện …"), ' +
          'Chức vụ, Cơ quan, Ngày bắt đầu. CSV in UTF-8, separated by "," or ";". A dry run returns the report ' +
          'with `valid`; an import with any bad row imports nothing and answers 400 naming row and column.',
        params: Code,
        body: ImportRequest,
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const format = formatOf(req.body.filename, req.body.format);
      const content = Buffer.from(req.body.contentBase64, 'base64');
      const report = await importStaffList(
        writeContext(req, db),
        req.params.code,
        { format, content },
        { dryRun: req.body.dryRun },
      );
      if (!report.valid && !req.body.dryRun) {
        throw new AppError(
          'validation_failed',
          text('Tệp có {n} lỗi; chưa nhập dòng nào.', 'The file has {n} errors; nothing was imported.', {
            n: report.errors.length,
          }),
          {
            errors: report.errors.map((e) => ({
              field: `file.rows.${e.row}.${e.field}`,
              message: text(`${e.column}: ${e.message.vi}`, `${e.column}: ${e.message.en}`),
            })),
          },
        );
      }
      return report;
    },
  );

  r.get(
    '/api/v1/officials/:id',
    {
      config: record('org.read', officials.communeOfOfficial),
      schema: { tags, summary: 'Hồ sơ một cán bộ (an official)', params: Id, response: { 200: Official } },
    },
    async (req) => {
      return officials.getOfficial(db, req.params.id);
    },
  );

  r.patch(
    '/api/v1/officials/:id',
    {
      config: record('org.manage', officials.communeOfOfficial),
      schema: {
        tags,
        summary: 'Sửa thông tin cán bộ; chuyển công tác/nghỉ hưu kết thúc mọi chức vụ (edit an official)',
        params: Id,
        body: OfficialPatch,
        response: { 200: Official },
      },
    },
    async (req) => {
      return officials.updateOfficial(writeContext(req, db), req.params.id, req.body);
    },
  );

  r.post(
    '/api/v1/officials/:id/positions',
    {
      config: record('org.manage', officials.communeOfOfficial),
      schema: {
        tags,
        summary: 'Giao chức vụ (add a position)',
        params: Id,
        body: PositionInput,
        response: { 201: Official },
      },
    },
    async (req, reply) => {
      return reply
        .status(201)
        .send(await officials.addPosition(writeContext(req, db), req.params.id, req.body));
    },
  );

  r.patch(
    '/api/v1/positions/:id',
    {
      config: record('org.manage', officials.communeOfPosition),
      schema: {
        tags,
        summary: 'Kết thúc chức vụ (end a position)',
        params: Id,
        body: z.object({ endDate: IsoDate }),
        response: { 200: Official },
      },
    },
    async (req) => {
      return officials.endPosition(writeContext(req, db), req.params.id, req.body.endDate);
    },
  );

  registerAssignmentRoutes(app, deps);
}
