/**
 * Imports a commune's in-flight dossiers from the abolished districts and former communes (hồ sơ đang giải quyết
 * dở): every row checked first (dry run: the report, nothing written); a real run writes all of them in one
 * audited transaction, or none when any row is bad. Each dossier keeps its original code (the citizen's look-up
 * finds it by it), its date of receipt and due date; its history starts with an `import` action naming where it
 * came from, and it is then worked like any other (queues, remaining working days on the calendar).
 * One import per commune at a time, across instances (db/import-lock.ts): a second one gets 409.
 */
import { and, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { InflightImportReport, InflightReportRow } from '../../../../common/api/inflight';
import { foldVietnamese } from '../../../../common/text';
import type { DbOrTx } from '../../../db/database';
import { withImportLock } from '../../../db/import-lock';
import { inTransaction, type WriteContext } from '../../../db/transaction';
import { AppError, text } from '../../../http/errors';
import { accountsWithRole } from '../../auth/service';
import { getCalendar } from '../../calendar/service';
import { officialProfiles } from '../../org';
import { todayInVietnam } from '../../org/document-format';
import { cellText } from '../../org/staff-import';
import { currentVersions, getProcedureVersion } from '../../procedures/service';
import { getCommune } from '../../units/service';
import { actionRow } from '../action-row';
import {
  type Actor,
  apply,
  type DossierAction,
  NEW_DOSSIER,
  STATUS_LABELS,
  startOfLocalDay,
} from '../domain';
import type { DossierStatus } from '../domain/status';
import { dossierActions, dossiers } from '../schema';
import { type Caller, projectionOf, rolesIn } from '../service';
import { type InflightFileFormat, readInflightFile } from './file';
import {
  checkRow,
  type InflightRow,
  isBlankRow,
  MAX_INFLIGHT_ROWS,
  mapHeadings,
  normalizeOriginalCode,
  type ProcedureRef,
  type SpecialistRef,
} from './rules';

type InflightFile = { format: InflightFileFormat; content: Buffer };
type ImportOptions = { dryRun: boolean; now?: Date };

export async function importInflight(
  ctx: WriteContext,
  caller: Caller,
  communeCode: string,
  file: InflightFile,
  options: ImportOptions,
): Promise<InflightImportReport> {
  const commune = await getCommune(ctx.db, communeCode);
  return withImportLock(ctx.db, { commune: communeCode }, () => run(ctx, caller, commune, file, options));
}

async function specialistsOf(db: DbOrTx, communeCode: string): Promise<SpecialistRef[]> {
  const accounts = await accountsWithRole(db, communeCode, 'specialist');
  const profiles = await officialProfiles(
    db,
    accounts.flatMap((a) => (a.officialId ? [a.officialId] : [])),
  );
  return accounts.map((a) => ({
    accountId: a.id,
    username: a.username,
    displayName: a.displayName,
    fullName: (a.officialId && profiles.get(a.officialId)?.fullName) || null,
  }));
}

/** The catalogue's procedures the file names, by code (current version, active or not). */
async function proceduresNamed(db: DbOrTx, codes: Set<string>): Promise<Map<string, ProcedureRef>> {
  const out = new Map<string, ProcedureRef>();
  if (!codes.size) return out;
  const upper = new Set([...codes].map((c) => c.toUpperCase()));
  for (const v of await currentVersions(db)) {
    if (!codes.has(v.code) && !upper.has(v.code.toUpperCase())) continue;
    const p = await getProcedureVersion(db, v.procedureId, v.version);
    const ref: ProcedureRef = {
      id: p.id,
      code: p.code,
      version: p.version,
      name: p.data.name,
      active: p.status === 'active',
      outside: Boolean(p.data.outsideWorkflow),
      limit: p.data.timeLimit,
      documents: p.data.requiredDocuments.length,
    };
    out.set(p.code, ref);
    out.set(p.code.toUpperCase(), ref);
  }
  return out;
}

async function existingCodes(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (!chunk.length) continue;
    const rows = await db.select({ code: dossiers.code }).from(dossiers).where(inArray(dossiers.code, chunk));
    for (const r of rows) found.add(r.code);
  }
  return found;
}

function reportRow(
  row: number,
  cells: { code: string; name: string },
  checked: ReturnType<typeof checkRow>,
): InflightReportRow {
  const { value, problems, preview } = checked;
  return {
    row,
    ok: problems.length === 0 && value !== null,
    originalCode: value?.originalCode ?? cells.code,
    applicantName: value?.applicant.fullName ?? cells.name,
    ...preview,
    dossierId: null,
    problems: problems.map((p) => ({ row: p.row, field: p.field, column: p.column, message: p.message })),
  };
}

async function run(
  ctx: WriteContext,
  caller: Caller,
  commune: Awaited<ReturnType<typeof getCommune>>,
  file: InflightFile,
  options: ImportOptions,
): Promise<InflightImportReport> {
  const now = options.now ?? new Date();
  const today = todayInVietnam(now);
  const { headings, rows } = await readInflightFile(file.format, file.content);
  const { columns, problems: fileProblems } = mapHeadings(headings.cells, headings.row);
  const body = rows.filter((r) => !isBlankRow(r.cells));
  if (body.length > MAX_INFLIGHT_ROWS)
    throw new AppError(
      'payload_too_large',
      text(`Tối đa ${MAX_INFLIGHT_ROWS} hồ sơ một lần.`, `At most ${MAX_INFLIGHT_ROWS} dossiers at a time.`),
    );
  if (!fileProblems.length && !body.length)
    fileProblems.push({
      row: headings.row,
      field: 'file',
      column: '',
      message: { vi: 'Tệp không có dòng hồ sơ nào.', en: 'The file has no dossier rows.' },
    });
  const items: InflightReportRow[] = [];
  const good: InflightRow[] = [];
  if (!fileProblems.length) {
    const cell = (cells: unknown[], f: keyof typeof columns) =>
      columns[f] === undefined ? '' : cellText(cells[columns[f]!] as never);
    const [calendar, specialists, procedures, existing] = await Promise.all([
      getCalendar(ctx.db),
      specialistsOf(ctx.db, commune.code),
      proceduresNamed(ctx.db, new Set(body.map((r) => cell(r.cells, 'procedure')).filter(Boolean))),
      existingCodes(
        ctx.db,
        body.map((r) => normalizeOriginalCode(cell(r.cells, 'originalCode'))).filter((c) => c.length <= 60),
      ),
    ]);
    const context = {
      today,
      calendar,
      formerUnits: commune.formerUnits,
      procedures,
      specialists,
      existingCodes: existing,
    };
    const seen = new Map<string, number>();
    for (const { row, cells } of body) {
      const checked = checkRow(row, cells, columns, context, seen);
      if (checked.value && !checked.problems.length) good.push(checked.value);
      items.push(
        reportRow(
          row,
          {
            code: cell(cells, 'originalCode').slice(0, 80),
            name: cell(cells, 'applicantName').slice(0, 120),
          },
          checked,
        ),
      );
    }
  }
  const valid = !fileProblems.length && items.length > 0 && items.every((i) => i.ok);
  const report: InflightImportReport = {
    format: file.format,
    dryRun: options.dryRun,
    valid,
    imported: false,
    today,
    rows: items.length,
    okRows: items.filter((i) => i.ok).length,
    overdueRows: items.filter((i) => i.ok && i.overdue).length,
    fileProblems: fileProblems.map((p) => ({ ...p })),
    items,
  };
  if (options.dryRun || !valid) return report;

  const ids = await writeAll(ctx, caller, commune, good, now);
  return {
    ...report,
    imported: true,
    items: items.map((i) => ({ ...i, dossierId: ids.get(i.row) ?? null })),
  };
}

/** Every row in one transaction, each with its `import` action and audit entry; a clash rolls all back. */
async function writeAll(
  ctx: WriteContext,
  caller: Caller,
  commune: Awaited<ReturnType<typeof getCommune>>,
  rows: InflightRow[],
  now: Date,
): Promise<Map<number, string>> {
  const calendar = await getCalendar(ctx.db);
  const actor: Actor = {
    kind: 'official',
    id: caller.accountId,
    roles: rolesIn(caller.grants, commune.code, commune.province.code),
  };
  const built = rows.map((r) => {
    const receivedAt = startOfLocalDay(r.receivedOn);
    const action: DossierAction = {
      type: 'import',
      importedFrom: r.importedFrom,
      originalCode: r.originalCode,
      receivedAt: receivedAt.toISOString(),
      dueDate: r.dueDate,
      status: r.status,
      limit: r.procedure.limit,
      ...(r.assignee ? { assigneeId: r.assignee.accountId } : {}),
      // The history says where it came from, then what happened to it there.
      note: r.historyNote ? `Từ ${r.importedFrom}. ${r.historyNote}` : `Từ ${r.importedFrom}.`,
    };
    const { state } = apply(NEW_DOSSIER, action, actor, now, calendar);
    return { id: uuidv7(), row: r, receivedAt, state };
  });
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      for (let i = 0; i < built.length; i += 200) {
        const chunk = built.slice(i, i + 200);
        await tx.insert(dossiers).values(
          chunk.map(({ id, row, receivedAt, state }) => {
            const p = projectionOf(state);
            return {
              id,
              code: row.originalCode,
              communeCode: commune.code,
              receivingCommuneCode: commune.code,
              procedureId: row.procedure.id,
              procedureVersion: row.procedure.version,
              procedureName: row.procedure.name,
              channel: 'counter' as const,
              applicantFullName: row.applicant.fullName,
              applicantNameFolded: foldVietnamese(row.applicant.fullName),
              applicantIdNumber: row.applicant.idNumber,
              applicantPhone: row.applicant.phone,
              applicantAddress: row.applicant.address,
              // Received complete at the former unit: every required document counts as received.
              checklist: Array.from({ length: row.procedure.documents }, (_, index) => ({
                index,
                status: 'received',
              })),
              status: p.status,
              version: p.version,
              dueDate: p.dueDate,
              assigneeId: p.assigneeId,
              receivedAt,
              closedAt: p.closedAt,
              resolvedAt: p.resolvedAt,
              lateAcknowledged: p.lateAcknowledged,
              importedFrom: row.importedFrom,
              importedAt: now,
              historyNote: row.historyNote,
            };
          }),
        );
        await tx
          .insert(dossierActions)
          .values(chunk.map(({ id, state }) => actionRow(id, commune.code, state.history[0]!)));
      }
      for (const { id, row, state } of built) {
        await audit({
          action: 'dossier.import',
          entityType: 'dossier',
          entityId: id,
          communeCode: commune.code,
          after: {
            code: row.originalCode,
            importedFrom: row.importedFrom,
            procedureId: row.procedure.id,
            procedureVersion: row.procedure.version,
            receivedOn: row.receivedOn,
            dueDate: row.dueDate,
            status: state.status,
            assigneeId: state.assigneeId,
            historyNote: row.historyNote,
          },
        });
      }
      return new Map(built.map((b) => [b.row.row, b.id]));
    });
  } catch (e) {
    // A dossier of the same code written meanwhile (the check above ran before the transaction).
    if ((e as { code?: string }).code === '23505' || /unique|duplicate/i.test(String((e as Error).message)))
      throw new AppError(
        'conflict',
        text(
          'Một mã hồ sơ trong tệp vừa được dùng; chưa nhập dòng nào, hãy kiểm tra lại.',
          'A code of the file was just taken; nothing was imported, check again.',
        ),
      );
    throw e;
  }
}

/** The commune's imported dossiers, newest import first; `q` matches code, name (diacritics optional), unit. */
export async function listInflight(db: DbOrTx, communeCode: string, query: { q?: string; limit: number }) {
  const esc = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const q = query.q ? foldVietnamese(query.q) : '';
  const raw = esc((query.q ?? '').toLowerCase());
  const like = esc(q);
  const where = and(
    eq(dossiers.communeCode, communeCode),
    isNotNull(dossiers.importedAt),
    q
      ? or(
          sql`lower(${dossiers.code}) like ${raw}`,
          sql`${dossiers.applicantNameFolded} like ${like}`,
          sql`lower(${dossiers.importedFrom}) like ${raw}`,
        )
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(dossiers)
      .where(where)
      .orderBy(desc(dossiers.importedAt), dossiers.code)
      .limit(query.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(where),
  ]);
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      applicantName: r.applicantFullName,
      procedureName: r.procedureName,
      importedFrom: r.importedFrom ?? '',
      importedAt: r.importedAt!.toISOString(),
      receivedAt: r.receivedAt.toISOString(),
      status: r.status,
      statusLabel: STATUS_LABELS[r.status as DossierStatus],
      dueDate: r.dueDate,
      historyNote: r.historyNote,
    })),
  };
}
