/**
 * Routes of the in-flight import (hồ sơ đang giải quyết dở from the abolished districts and former communes):
 * the template, the dry run / import of a CSV or XLSX file, the list of imported dossiers. The commune leader's
 * right `campaign.manage` over the commune in the URL.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  InflightImportReport,
  InflightImportRequest,
  InflightList,
  InflightListQuery,
  InflightTemplateQuery,
} from '../../../../common/api/inflight';
import { CommuneCodeParam } from '../../../../common/api/units';
import type { AppConfig } from '../../../config';
import type { Db } from '../../../db/database';
import { type Access, requirePrincipal, writeContext } from '../../../http/auth';
import { AppError, text } from '../../../http/errors';
import { formatOf } from '../../org/staff-file';
import { inflightTemplate } from './file';
import { importInflight, listInflight } from './service';

const Code = z.object({ code: CommuneCodeParam });
const tags = ['campaign'];
const manage: Access = { permission: 'campaign.manage', communeParam: 'code' };

export function registerInflightRoutes(app: FastifyInstance, deps: { db: Db; config: AppConfig }) {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/communes/:code/campaign/inflight/template',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Tệp mẫu nhập hồ sơ đang giải quyết dở (template of the in-flight import, CSV or XLSX)',
        params: Code,
        querystring: InflightTemplateQuery,
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      const file = await inflightTemplate(format);
      return reply
        .type(
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="mau-ho-so-dang-giai-quyet.${format}"`)
        .send(file);
    },
  );

  r.post(
    '/api/v1/communes/:code/campaign/inflight/import',
    {
      config: { access: manage },
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Nhập hồ sơ đang giải quyết dở từ huyện, xã cũ (import in-flight dossiers; dry run, then all or none)',
        description:
          'JSON body `{ filename, contentBase64, dryRun }`; the file (≤ 2 MB, ≤ 2000 rows; CSV in UTF-8 or XLSX) has ' +
          'the columns of the template (GET …/inflight/template). A dry run (the default) returns the report per ' +
          'row and writes nothing; a real run with any bad row imports nothing and answers 400 naming row and ' +
          'column. Imported dossiers keep their original code, date of receipt and due date.',
        params: Code,
        body: InflightImportRequest,
        response: { 200: InflightImportReport },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const format = formatOf(req.body.filename, req.body.format);
      if (!/^[A-Za-z0-9+/=\s]+$/.test(req.body.contentBase64))
        throw new AppError(
          'validation_failed',
          text('Nội dung tệp không phải base64.', 'The file content is not base64.'),
          { errors: [{ field: 'body.contentBase64', message: 'Not base64' }] },
        );
      const content = Buffer.from(req.body.contentBase64, 'base64');
      const report = await importInflight(
        writeContext(req, db),
        { accountId: principal.accountId, grants: principal.grants },
        req.params.code,
        { format, content },
        { dryRun: req.body.dryRun },
      );
      if (!report.valid && !req.body.dryRun) {
        const problems = [...report.fileProblems, ...report.items.flatMap((i) => i.problems)];
        throw new AppError(
          'validation_failed',
          text('Tệp có {n} lỗi; chưa nhập hồ sơ nào.', 'The file has {n} errors; no dossier was imported.', {
            n: problems.length,
          }),
          {
            errors: problems.slice(0, 200).map((p) => ({
              field: `file.rows.${p.row}.${p.field}`,
              message: text(`${p.column}: ${p.message.vi}`, `${p.column}: ${p.message.en}`),
            })),
          },
        );
      }
      return report;
    },
  );

  r.get(
    '/api/v1/communes/:code/campaign/inflight',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Hồ sơ đã nhập từ đơn vị cũ (in-flight dossiers imported into the commune)',
        params: Code,
        querystring: InflightListQuery,
        response: { 200: InflightList },
      },
    },
    async (req) => listInflight(db, req.params.code, req.query),
  );
}
