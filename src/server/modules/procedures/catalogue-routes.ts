/**
 * HTTP for importing the catalogue (JSON body, or a JSON/XLSX file as multipart/form-data) and exporting it as
 * XLSX. Multipart parsing is registered for these routes only.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CatalogueImportReport } from '../../../common/api/procedure-import';
import type { Db } from '../../db/database';
import { writeContext } from '../../http/auth';
import { AppError, fieldError, text } from '../../http/errors';
import { malformedUpload, multipartErrorCode as multipartCode } from '../../http/multipart';
import {
  type CatalogueFile,
  exportCatalogueXlsx,
  importCatalogue,
  importErrorField,
  MAX_CATALOGUE_FILE_BYTES,
} from './catalogue-import';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tooLarge = () =>
  new AppError(
    'payload_too_large',
    text('Tệp tối đa {mb} MB.', 'The file may be at most {mb} MB.', {
      mb: MAX_CATALOGUE_FILE_BYTES / 1024 / 1024,
    }),
  );

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw fieldError('body.file', 'Tệp JSON không đọc được.', 'The JSON file cannot be read.');
  }
}

/** The file of the request: the JSON body itself, or the one "file" part (.xlsx or .json) of a form. */
async function readCatalogueFile(req: FastifyRequest): Promise<CatalogueFile> {
  if (!req.isMultipart()) return { format: 'json', rows: req.body };
  let file: { name: string; bytes: Buffer } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || file)
        throw fieldError('body.file', 'Gửi một tệp, trường "file".', 'Send one file, field "file".');
      file = { name: part.filename, bytes: await part.toBuffer() };
    }
  } catch (e) {
    const code = multipartCode(e);
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw malformedUpload(e) ?? e;
  }
  if (!file) throw fieldError('body.file', 'Chưa chọn tệp.', 'No file was sent.');
  const isZip = file.bytes.subarray(0, 2).toString('latin1') === 'PK';
  if (/\.xlsx$/i.test(file.name) || isZip) return { format: 'xlsx', content: file.bytes };
  if (/\.json$/i.test(file.name)) return { format: 'json', rows: parseJson(file.bytes) };
  throw fieldError('body.file', 'Chỉ nhận tệp .xlsx hoặc .json.', 'Only .xlsx and .json files are accepted.');
}

export function registerCatalogueRoutes(app: FastifyInstance, deps: { db: Db }) {
  const { db } = deps;
  const tags = ['procedures'];

  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_CATALOGUE_FILE_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1000 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/procedures/import',
      {
        config: { access: { permission: 'catalogue.manage' } },
        bodyLimit: MAX_CATALOGUE_FILE_BYTES + 64 * 1024,
        schema: {
          tags,
          summary:
            'Nhập danh mục thủ tục từ JSON hoặc XLSX; dryRun=true chỉ xem kế hoạch (import the catalogue)',
          description:
            'Body: the array `GET /api/v1/procedures/export.json` gives, or multipart/form-data with one `file` ' +
            '(.json, or .xlsx in the layout of `export.xlsx`; ≤ 5 MB). Procedures are matched by national code, else ' +
            'by name without diacritics: new ones get version 1, changed ones a new version, the rest stay. ' +
            'A dry run answers the plan (and the errors, with `valid: false`); an import with any error writes ' +
            'nothing and answers 400 naming each field (`body.<index>.<path>`, `file.<sheet>.<row>.<path>`).',
          consumes: ['application/json', 'multipart/form-data'],
          querystring: z.object({
            dryRun: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true'),
            reason: z.string().trim().min(1).max(500).optional(),
          }),
          response: { 200: CatalogueImportReport },
        },
      },
      async (req) => {
        const file = await readCatalogueFile(req);
        const report = await importCatalogue(writeContext(req, db), file, req.query);
        if (!report.valid && !req.query.dryRun) {
          throw new AppError(
            'validation_failed',
            text('Tệp có {n} lỗi; chưa nhập thủ tục nào.', 'The file has {n} errors; nothing was imported.', {
              n: report.errors.length,
            }),
            {
              errors: report.errors.map((e) => {
                const where = e.sheet === null ? null : `${e.sheet}, dòng ${e.row}, cột "${e.column}"`;
                const whereEn = e.sheet === null ? null : `${e.sheet}, row ${e.row}, column "${e.column}"`;
                return {
                  field: importErrorField(e),
                  message: where
                    ? text(`${where}: ${e.message.vi}`, `${whereEn}: ${e.message.en}`)
                    : e.message,
                };
              }),
            },
          );
        }
        return report;
      },
    );

    r.get(
      '/api/v1/procedures/export.xlsx',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Xuất danh mục thủ tục (XLSX, sửa trong Excel rồi nhập lại được) — export as XLSX',
        },
      },
      async (_req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', 'attachment; filename="thu-tuc-hanh-chinh.xlsx"')
          .send(await exportCatalogueXlsx(db)),
    );
  });
}
