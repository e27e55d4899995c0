/**
 * Imports a commune's staff list: all rows checked first; nothing is written unless every row is right. One import
 * (dry run or real) per commune at a time, across instances (db/import-lock.ts): a second one gets 409.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { foldVietnamese } from '../../../common/text';
import { withImportLock } from '../../db/import-lock';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { getCommune } from '../units/service';
import { listBodies } from './bodies';
import { todayInVietnam } from './document-format';
import { orgOfficials, orgPositions } from './schema';
import { MAX_FILE_BYTES, readStaffFile, type StaffFileFormat } from './staff-file';
import {
  COLUMN_HEADINGS,
  isBlankRow,
  MAX_IMPORT_ROWS,
  mapHeadings,
  matchBody,
  matchByName,
  parseRow,
  personKey,
  type RowProblem,
  type StaffRow,
} from './staff-import';
import { checkXlsxBudget, DEFAULT_XLSX_BUDGET } from './xlsx-guard';

interface Person {
  key: string;
  rows: StaffRow[];
  formerUnit: { code: string; name: string } | null;
  formerDistrictName: string | null;
  positions: { bodyId: string; title: string; startDate: string }[];
  existingId: string | null;
}

type StaffFile = { format: StaffFileFormat; content: Buffer };
type ImportOptions = { dryRun: boolean; today?: string };

export async function importStaffList(
  ctx: WriteContext,
  communeCode: string,
  file: StaffFile,
  options: ImportOptions,
) {
  const commune = await getCommune(ctx.db, communeCode);
  return withImportLock(ctx.db, { commune: communeCode }, () => runImport(ctx, commune, file, options));
}

async function runImport(
  ctx: WriteContext,
  commune: Awaited<ReturnType<typeof getCommune>>,
  file: StaffFile,
  options: ImportOptions,
) {
  const communeCode = commune.code;
  const today = options.today ?? todayInVietnam();
  // A workbook of more rows than a staff list may have is refused by counting them, before ExcelJS builds it.
  if (file.format === 'xlsx' && file.content.length <= MAX_FILE_BYTES)
    checkXlsxBudget(file.content, { ...DEFAULT_XLSX_BUDGET, maxRowsPerSheet: MAX_IMPORT_ROWS });
  const bodies = await listBodies(ctx.db, communeCode, { includeClosed: false });
  const { headings, rows } = await readStaffFile(file.format, file.content);
  const { columns, problems } = mapHeadings(headings.cells);
  const errors: RowProblem[] = problems.map((p) => ({ ...p, row: headings.row }));
  const people = new Map<string, Person>();
  let rowCount = 0;
  if (!problems.length) {
    for (const { row, cells } of rows) {
      if (isBlankRow(cells)) continue;
      rowCount += 1;
      const { value, problems: rowProblems } = parseRow(row, cells, columns, today);
      errors.push(...rowProblems);
      if (!value) continue;
      const fail = (field: 'formerUnit' | 'body' | 'gender', vi: string, en: string) =>
        errors.push({ row, column: COLUMN_HEADINGS[field][0], field, message: { vi, en } });
      let formerUnit: Person['formerUnit'] = null;
      if (value.formerUnit.kind === 'commune') {
        const found = matchByName(value.formerUnit.name, commune.formerUnits);
        if (found.length === 1) formerUnit = { code: found[0]!.code, name: found[0]!.name };
        else if (found.length > 1)
          fail(
            'formerUnit',
            `"${value.formerUnit.name}" trùng tên nhiều đơn vị cũ; ghi rõ "Xã" hay "Phường".`,
            `"${value.formerUnit.name}" names several former units; say "Xã" or "Phường".`,
          );
        else
          fail(
            'formerUnit',
            `"${value.formerUnit.name}" không phải đơn vị cũ của ${commune.name}; ghi tên xã cũ, "Huyện …" hoặc để trống.`,
            `"${value.formerUnit.name}" is not a former unit of ${commune.name}; give a former commune, "Huyện …" or nothing.`,
          );
      }
      let position: Person['positions'][number] | null = null;
      if (value.position) {
        const found = matchBody(value.position.body, bodies);
        if (found.length === 1)
          position = {
            bodyId: found[0]!.id,
            title: value.position.title,
            startDate: value.position.startDate,
          };
        else if (!bodies.length)
          fail(
            'body',
            'Xã chưa kích hoạt tổ chức bộ máy.',
            "The commune's organisation is not activated yet.",
          );
        else if (found.length > 1)
          fail(
            'body',
            `"${value.position.body}" khớp nhiều cơ quan; ghi đủ tên.`,
            `"${value.position.body}" matches several bodies; give the full name.`,
          );
        else
          fail(
            'body',
            `Không có cơ quan "${value.position.body}" trong xã.`,
            `No body "${value.position.body}" in this commune.`,
          );
      }
      const key = personKey(value.fullName, value.dateOfBirth);
      const person = people.get(key);
      if (person) {
        const first = person.rows[0]!;
        if (first.gender !== value.gender)
          fail(
            'gender',
            `Khác giới tính ở dòng ${first.row} của cùng người.`,
            `Differs from row ${first.row} of the same person.`,
          );
        person.rows.push(value);
        if (position) person.positions.push(position);
      } else {
        people.set(key, {
          key,
          rows: [value],
          formerUnit,
          formerDistrictName: value.formerUnit.kind === 'district' ? value.formerUnit.name : null,
          positions: position ? [position] : [],
          existingId: null,
        });
      }
    }
  }
  // People already recorded in the commune (same name and date of birth) get only the positions they lack.
  const folded = [...people.values()].map((p) => foldVietnamese(p.rows[0]!.fullName));
  const existing = folded.length
    ? await ctx.db
        .select({
          id: orgOfficials.id,
          nameFolded: orgOfficials.nameFolded,
          dateOfBirth: orgOfficials.dateOfBirth,
        })
        .from(orgOfficials)
        .where(
          and(
            eq(orgOfficials.communeCode, communeCode),
            inArray(orgOfficials.nameFolded, [...new Set(folded)]),
          ),
        )
    : [];
  for (const e of existing) {
    const p = people.get(`${e.nameFolded}|${e.dateOfBirth}`);
    if (p) p.existingId = e.id;
  }
  const held = existing.length
    ? await ctx.db
        .select()
        .from(orgPositions)
        .where(
          inArray(
            orgPositions.officialId,
            existing.map((e) => e.id),
          ),
        )
    : [];
  for (const p of people.values()) {
    p.positions = p.positions.filter(
      (pos, i, all) =>
        all.findIndex((q) => q.bodyId === pos.bodyId && q.title === pos.title) === i &&
        !held.some(
          (h) =>
            h.officialId === p.existingId &&
            h.bodyId === pos.bodyId &&
            h.title === pos.title &&
            h.endDate === null,
        ),
    );
  }
  errors.sort((a, b) => a.row - b.row);
  const valid = errors.length === 0;
  const list = [...people.values()];
  const ids = new Map(list.map((p) => [p.key, p.existingId ?? uuidv7()]));
  const report = {
    format: file.format,
    dryRun: options.dryRun,
    valid,
    imported: false,
    rows: rowCount,
    officialsCreated: list.filter((p) => !p.existingId).length,
    officialsExisting: list.filter((p) => p.existingId).length,
    positionsCreated: list.reduce((n, p) => n + p.positions.length, 0),
    errors: errors.map((e) => ({ row: e.row, column: e.column, field: e.field, message: e.message })),
    people: list.map((p) => ({
      rows: p.rows.map((r) => r.row),
      fullName: p.rows[0]!.fullName,
      action: p.existingId ? ('existing' as const) : ('create' as const),
      officialId: p.existingId,
    })),
  };
  if (!valid || options.dryRun || list.length === 0) return report;

  await inTransaction(ctx, async (tx, audit) => {
    for (const p of list) {
      const first = p.rows[0]!;
      const id = ids.get(p.key)!;
      if (!p.existingId) {
        const fields = {
          fullName: first.fullName,
          dateOfBirth: first.dateOfBirth,
          gender: first.gender,
          phone: p.rows.find((r) => r.phone)?.phone ?? null,
          email: p.rows.find((r) => r.email)?.email ?? null,
          formerUnitCode: p.formerUnit?.code ?? null,
          formerDistrictName: p.formerDistrictName,
        };
        await tx.insert(orgOfficials).values({
          id,
          communeCode,
          ...fields,
          formerUnitName: p.formerUnit?.name ?? null,
          nameFolded: foldVietnamese(first.fullName),
        });
        await audit({
          action: 'org.official.create',
          entityType: 'org_official',
          entityId: id,
          communeCode,
          after: { ...fields, positions: p.positions, source: 'import' },
        });
      }
      if (p.positions.length) {
        await tx
          .insert(orgPositions)
          .values(
            p.positions.map((pos) => ({ id: uuidv7(), communeCode, officialId: id, ...pos, endDate: null })),
          );
        if (p.existingId)
          await audit({
            action: 'org.official.positions_import',
            entityType: 'org_official',
            entityId: id,
            communeCode,
            after: { positions: p.positions },
          });
      }
    }
    await audit({
      action: 'org.officials.import',
      entityType: 'org_import',
      entityId: uuidv7(),
      communeCode,
      after: {
        format: file.format,
        rows: rowCount,
        officialsCreated: report.officialsCreated,
        positionsCreated: report.positionsCreated,
      },
    });
  });
  return {
    ...report,
    imported: true,
    people: report.people.map((p, i) => ({ ...p, officialId: ids.get(list[i]!.key)! })),
  };
}
