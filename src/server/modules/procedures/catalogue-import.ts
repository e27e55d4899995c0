/**
 * Import and XLSX export of the procedure catalogue. An import is checked whole first (every row, every error with
 * its row and field) and planned against the current versions; a dry run stops there, a real one writes the new
 * procedures and the new versions in one transaction, each audited, or nothing at all.
 */

import type { CatalogueImportReport } from '../../../common/api/procedure-import';
import type { Procedure } from '../../../common/api/procedures';
import type { DbOrTx } from '../../db/database';
import { withImportLock } from '../../db/import-lock';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, text } from '../../http/errors';
import { loadExcel } from '../../lazy-libraries';
import { readXlsxSheets } from '../org/staff-file';
import {
  catalogueToSheets,
  locate,
  SHEET_NAMES,
  type SheetProblem,
  sheetsToCatalogue,
} from './catalogue-sheet';
import { planImport, validateImport } from './domain';
import { appendVersion, currentVersions, insertProcedure, procedureCode, procedureIdOf } from './service';

export const MAX_CATALOGUE_FILE_BYTES = 5 * 1024 * 1024;
const MAX_SHEET_ROWS = 50_000;

export type CatalogueFile = { format: 'json'; rows: unknown } | { format: 'xlsx'; content: Buffer };
type ReportError = CatalogueImportReport['errors'][number];

/** The problem+json field of an import error: `body.<index>.<path>` for JSON, `file.<sheet>.<row>.<path>`. */
export function importErrorField(e: ReportError): string {
  const where =
    e.sheet === null ? ['body', ...(e.row > 0 ? [String(e.row - 1)] : [])] : ['file', e.sheet, String(e.row)];
  return [...where, ...(e.path ? [e.path] : [])].join('.');
}

/** The procedures of the file, unvalidated, and how to name the place of an error in it. */
async function readFile(file: CatalogueFile) {
  if (file.format === 'json') {
    return {
      rows: file.rows,
      problems: [] as SheetProblem[],
      place: (row: number, _path: string) => ({ sheet: null, row, column: null }),
    };
  }
  const sheets = await readXlsxSheets(file.content, { field: 'body.file', maxRows: MAX_SHEET_ROWS });
  const read = sheetsToCatalogue(sheets);
  return {
    rows: read.procedures,
    problems: read.problems,
    place: (row: number, path: string) => {
      const source = read.sources[row - 1];
      return source ? locate(source, path) : { sheet: SHEET_NAMES.procedures, row: 0, column: '' };
    },
  };
}

/** One catalogue import at a time (dry run or real), across instances (db/import-lock.ts): another gets 409. */
export function importCatalogue(
  ctx: WriteContext,
  file: CatalogueFile,
  options: { dryRun: boolean; reason?: string },
): Promise<CatalogueImportReport> {
  return withImportLock(ctx.db, 'catalogue', () => runImport(ctx, file, options));
}

async function runImport(
  ctx: WriteContext,
  file: CatalogueFile,
  options: { dryRun: boolean; reason?: string },
): Promise<CatalogueImportReport> {
  const { rows, problems, place } = await readFile(file);
  const errors: ReportError[] = problems.map((p) => ({ ...p, path: '' }));
  const taken = new Set(errors.map((e) => `${e.sheet}|${e.row}|${e.column}`));
  // Sheet problems (a cell that could not be read) already name their cell: no second error on the same one.
  // A missing sheet or column leaves no procedures to check: its problem says it all.
  const unreadable = problems.length > 0 && Array.isArray(rows) && rows.length === 0;
  const validation = unreadable ? null : validateImport(rows);
  let incoming: Procedure[] = [];
  if (validation && !validation.ok) {
    for (const e of validation.errors) {
      const at = place(e.row, e.path);
      if (at.sheet !== null && taken.has(`${at.sheet}|${at.row}|${at.column}`)) continue;
      errors.push({ ...at, path: e.path, message: e.text });
    }
  } else if (validation?.ok) incoming = validation.procedures;

  const current = await currentVersions(ctx.db);
  const byId = new Map(current.map((c) => [c.procedureId, c]));
  const plan = planImport(current, incoming);
  // A new procedure whose code an existing one (renamed since) already has would clash with it.
  const codes = new Map(current.map((c) => [c.code, c]));
  plan.create.forEach((data) => {
    const other = codes.get(procedureCode(data));
    if (!other) return;
    const at = place(incoming.indexOf(data) + 1, 'name');
    errors.push({
      ...at,
      path: 'name',
      message: text(
        'Mã "{code}" đã dùng cho thủ tục "{name}"; ghi mã quốc gia hoặc sửa thủ tục đó.',
        'The code "{code}" is taken by "{name}"; give a national code or edit that procedure.',
        { code: other.code, name: other.data.name },
      ),
    });
  });
  const valid = errors.length === 0;
  const entry = (id: string) => ({
    procedureId: id,
    code: byId.get(id)!.code,
    name: byId.get(id)!.data.name,
  });
  const report: CatalogueImportReport = {
    format: file.format,
    dryRun: options.dryRun,
    valid,
    imported: false,
    total: Array.isArray(rows) ? rows.length : 0,
    created: valid
      ? plan.create.map((p) => ({
          procedureId: procedureIdOf(procedureCode(p)),
          code: procedureCode(p),
          name: p.name,
        }))
      : [],
    updated: valid
      ? plan.update.map((u) => ({
          ...entry(u.procedureId),
          fromVersion: byId.get(u.procedureId)!.version,
          toVersion: byId.get(u.procedureId)!.version + 1,
          changes: u.changes.map((c) => ({ path: c.path, label: c.label, before: c.before, after: c.after })),
        }))
      : [],
    unchanged: valid ? plan.unchanged.map(entry) : [],
    errors: errors.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row),
  };
  if (!valid || options.dryRun || plan.create.length + plan.update.length === 0) return report;

  const reason = options.reason ?? (file.format === 'xlsx' ? 'Nhập từ tệp XLSX' : 'Nhập từ tệp JSON');
  await inTransaction(ctx, async (tx, audit) => {
    for (const data of plan.create) {
      const inserted = await insertProcedure(tx, data, ctx.actor.name, reason);
      if (!inserted)
        throw new AppError(
          'conflict',
          text(
            'Thủ tục "{name}" vừa được tạo bởi người khác; hãy thử lại.',
            '"{name}" was just created; try again.',
            {
              name: data.name,
            },
          ),
        );
      await audit({
        action: 'procedure.create',
        entityType: 'procedure',
        entityId: inserted.id,
        after: { code: inserted.code, version: 1, reason, source: 'import' },
      });
    }
    // Each from the version the plan was made against: an edit in between is a conflict, and nothing is written.
    for (const u of plan.update)
      await appendVersion(tx, audit, ctx.actor.name, u.procedureId, {
        expectedVersion: byId.get(u.procedureId)!.version,
        data: u.data,
        reason,
      });
    await audit({
      action: 'procedure.catalogue.import',
      entityType: 'procedure',
      entityId: 'catalogue',
      after: {
        format: file.format,
        created: report.created.map((c) => c.code),
        updated: report.updated.map((u) => ({ code: u.code, version: u.toVersion })),
        unchanged: report.unchanged.length,
      },
    });
  });
  return { ...report, imported: true };
}

/** The catalogue (current versions) as the XLSX workbook the import reads back. */
export async function exportCatalogueXlsx(db: DbOrTx): Promise<Buffer> {
  const current = await currentVersions(db);
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  workbook.creator = 'XãSố';
  for (const sheet of catalogueToSheets(current)) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.headings.map((header, i) => ({ header, width: sheet.widths[i] }));
    sheet.headings.forEach((h, i) => {
      const column = ws.getColumn(i + 1);
      column.alignment = { vertical: 'top', wrapText: true };
      // Codes stay text when typed in Excel ("1.000100" is not the number 1.0001).
      if (/^Mã/.test(h)) column.numFmt = '@';
    });
    ws.addRows(sheet.rows);
    ws.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
