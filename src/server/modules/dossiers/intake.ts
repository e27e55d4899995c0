/**
 * Tiếp nhận hồ sơ at the counter: completeness against the procedure version, due date from the calendar, the
 * code from the per-commune daily counter and the first action of the history, in one audited transaction;
 * idempotent with an Idempotency-Key.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { IntakeRequest, PublicSubmissionRequest } from '../../../common/api/dossiers';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx, Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, type FieldError, fieldError, text } from '../../http/errors';
import { chainOf, lockChainHead } from '../audit/service';
import { getCalendar } from '../calendar/service';
import { notifyDossierEvent } from '../notifications/dossier-events';
import { getProcedureVersion } from '../procedures/service';
import { defaultAgencyId } from './codes';
import {
  type Actor,
  apply,
  type DossierAction,
  type DossierStatus,
  formatDossierCode,
  formatRehearsalCode,
  initialDueDate,
  localDate,
  NEW_DOSSIER,
  nationalStatusOf,
  REHEARSAL_CODE_PREFIX,
} from './domain';
import { assertTakesOnlineFilings } from './public-status';
import { rehearsalModeOf } from './rehearsal';
import { dossierIdempotencyKeys } from './schema';
import { type Caller, type DossierRow, findDossierRow, projectionOf, provinceOf, rolesIn } from './service';

function intakeResult(row: Pick<DossierRow, 'id' | 'code' | 'dueDate' | 'status' | 'rehearsal'>) {
  const status = row.status as DossierStatus;
  return {
    id: row.id,
    code: row.code,
    rehearsal: row.rehearsal,
    dueDate: row.dueDate,
    status,
    nationalStatusCode: nationalStatusOf(status),
  };
}

/**
 * The documents of the procedure the checklist leaves out (each required document must be listed, once). An
 * index the procedure does not have, or listed twice, is refused naming its place in the list.
 */
export function missingDocuments(
  required: readonly { name: string }[],
  checklist: IntakeRequest['checklist'],
): { index: number; name: string }[] {
  const listed = new Set<number>();
  for (const [position, c] of checklist.entries()) {
    const field = `body.checklist.${position}.index`;
    if (c.index >= required.length) {
      throw fieldError(field, 'Thủ tục không có giấy tờ số {i}.', 'The procedure has no document {i}.', {
        i: c.index,
      });
    }
    if (listed.has(c.index)) {
      throw fieldError(
        field,
        'Giấy tờ số {i} được khai hai lần trong danh sách.',
        'Document {i} is listed twice.',
        { i: c.index },
      );
    }
    listed.add(c.index);
  }
  return required.flatMap((d, index) => (listed.has(index) ? [] : [{ index, name: d.name }]));
}

/** Refusal of an incomplete dossier: the guidance (phiếu hướng dẫn bổ sung) names each missing document. */
function incomplete(missing: { index: number; name: string }[]): AppError {
  const errors: FieldError[] = missing.map((m) => ({
    field: `body.checklist.${m.index}`,
    message: { vi: `Thiếu: ${m.name}`, en: `Missing: ${m.name}` },
  }));
  const list = missing.map((m) => m.name).join('; ');
  return new AppError(
    'validation_failed',
    text('Hồ sơ chưa đầy đủ, cần bổ sung: {list}.', 'The dossier is incomplete; missing: {list}.', { list }),
    { errors },
  );
}

class IdempotentReplay extends Error {}

const requestHash = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

async function replayIntake(db: DbOrTx, scope: string, key: string, hash: string) {
  const [found] = await db
    .select({ hash: dossierIdempotencyKeys.requestHash, dossierId: dossierIdempotencyKeys.dossierId })
    .from(dossierIdempotencyKeys)
    .where(and(eq(dossierIdempotencyKeys.scope, scope), eq(dossierIdempotencyKeys.key, key)));
  if (!found) return null;
  if (found.hash !== hash) {
    throw new AppError(
      'conflict',
      text(
        'Khóa Idempotency-Key này đã dùng cho một yêu cầu khác.',
        'This Idempotency-Key was already used for a different request.',
      ),
    );
  }
  const row = await findDossierRow(db, found.dossierId);
  return row ? intakeResult(row) : null;
}

/** What intake checks before anything is written: communes of one province, an active procedure, the checklist. */
export async function checkIntake(
  db: DbOrTx,
  input: Pick<IntakeRequest, 'procedureId' | 'receivingCommuneCode' | 'competentCommuneCode' | 'checklist'>,
  fields: { receiving: string; competent: string } = {
    receiving: 'body.receivingCommuneCode',
    competent: 'body.competentCommuneCode',
  },
) {
  const receivingProvince = await provinceOf(db, input.receivingCommuneCode, fields.receiving);
  const competentProvince =
    input.competentCommuneCode === input.receivingCommuneCode
      ? receivingProvince
      : await provinceOf(db, input.competentCommuneCode, fields.competent);
  if (receivingProvince !== competentProvince) {
    throw fieldError(
      fields.competent,
      'Chỉ tiếp nhận hồ sơ của xã, phường trong cùng tỉnh.',
      'Only dossiers of communes of the same province can be received.',
    );
  }
  const procedure = await getProcedureVersion(db, input.procedureId);
  if (procedure.status !== 'active') {
    throw fieldError('body.procedureId', 'Thủ tục đã bãi bỏ.', 'The procedure was retired.');
  }
  // Residence registration and the like: another agency (the commune police) receives and decides it.
  const outside = procedure.data.outsideWorkflow;
  if (outside) {
    throw fieldError(
      'body.procedureId',
      `Thủ tục "${procedure.data.name}" do ${outside.agency} tiếp nhận và giải quyết, không thuộc quy trình một cửa của UBND xã. ${outside.note}`,
      `"${procedure.data.name}" is received and decided by another agency (${outside.agency}), not in the commune People's Committee's one-stop workflow; direct the applicant there.`,
    );
  }
  const missing = missingDocuments(procedure.data.requiredDocuments, input.checklist);
  return { procedure, receivingProvince, missing };
}

/** Who creates the dossier and how: the counter (received at once) or the public form (submitted online). */
interface Creation {
  /** Idempotency scope: the account id, or "public:<phone>". */
  scope: string;
  actor: Actor;
  first: DossierAction;
}

interface NewDossier {
  id: string;
  input: IntakeRequest;
  procedure: Awaited<ReturnType<typeof checkIntake>>['procedure'];
  receivingProvince: string;
  state: ReturnType<typeof apply>['state'];
  now: Date;
  /** A mock dossier of a trial day: numbered from the rehearsal series, never from the official one. */
  rehearsal: boolean;
  /** The Idempotency-Key claim, when the request has a key. */
  claim?: { scope: string; key: string; hash: string };
}

/**
 * One statement: claims the Idempotency-Key (when there is one), takes the next value of the receiving commune's
 * daily counter, writes the dossier with its code and its first action, and locks the audit chain head (after the
 * counter, the order every writer takes them in). Without a claim (the key was used already) nothing is written and
 * no row comes back. Both rows stay locked until COMMIT, so this runs last but the audit entry: the agency e-ID is
 * read in the same statement.
 */
async function insertDossier(tx: Tx, d: NewDossier) {
  const { id, input, procedure, state, now } = d;
  const record = state.history[0]!;
  const p = projectionOf(state);
  const at = now.toISOString();
  const commune = input.receivingCommuneCode;
  const yymmdd = localDate(now).replace(/-/g, '').slice(2);
  // Filed online: received_at holds the submission time until the centre's `receive` overwrites it (schema.ts).
  const submittedAt = record.action.type === 'submit_online' ? at : null;
  const claim = d.claim
    ? sql`claim as (
        insert into dossier_idempotency_keys (scope, key, request_hash, dossier_id)
        values (${d.claim.scope}, ${d.claim.key}, ${d.claim.hash}, ${id})
        on conflict do nothing returning 1
      ),`
    : sql``;
  // Two series, same shape: the rehearsal one ("DT-…") leaves the official numbering without a gap.
  const counters = sql.raw(d.rehearsal ? 'dossier_rehearsal_code_counters' : 'dossier_code_counters');
  const prefix = d.rehearsal ? REHEARSAL_CODE_PREFIX : '';
  const counterRow = d.claim
    ? sql`select ${commune}, ${localDate(now)}::date, 1 from claim`
    : sql`values (${commune}, ${localDate(now)}::date, 1)`;
  const result = await tx.execute(sql`
    with ${claim}
    counter as (
      insert into ${counters} (commune_code, day, last_value) ${counterRow}
      on conflict (commune_code, day) do update set last_value = ${counters}.last_value + 1
      returning last_value
    ),
    agency as (
      select coalesce(
        (select agency_id from dossier_agency_ids where commune_code = ${commune}),
        ${defaultAgencyId(commune, d.receivingProvince)}
      ) as agency_id
    ),
    dossier as (
      insert into dossiers (id, code, commune_code, receiving_commune_code, procedure_id, procedure_version,
        procedure_name, channel, applicant_full_name, applicant_name_folded, applicant_id_number, applicant_phone,
        applicant_address, checklist, status, version, due_date, assignee_id, closed_at, resolved_at,
        late_acknowledged, received_at, submitted_at, rehearsal)
      select ${id}, ${prefix} || agency.agency_id || '-' || ${yymmdd} || '-' ||
          lpad(counter.last_value::text, greatest(4, length(counter.last_value::text)), '0'),
        ${input.competentCommuneCode}, ${commune}, ${procedure.id}, ${procedure.version}, ${procedure.data.name},
        ${input.channel}, ${input.applicant.fullName}, ${foldVietnamese(input.applicant.fullName)},
        ${input.applicant.idNumber.toUpperCase()}, ${input.applicant.phone}, ${input.applicant.address},
        ${JSON.stringify(input.checklist)}::jsonb, ${p.status}, ${p.version}, ${p.dueDate}::date,
        ${p.assigneeId}::uuid, ${p.closedAt?.toISOString() ?? null}::timestamptz,
        ${p.resolvedAt?.toISOString() ?? null}::timestamptz, ${p.lateAcknowledged}, ${at}::timestamptz,
        ${submittedAt}::timestamptz, ${d.rehearsal}
      from counter, agency
      returning id, code
    ),
    head as (${lockChainHead(chainOf({ communeCode: input.competentCommuneCode }), 'counter')}),
    action as (
      insert into dossier_actions (dossier_id, seq, commune_code, action, payload, actor, at, from_status, to_status)
      select dossier.id, ${record.seq}, ${input.competentCommuneCode}, ${record.action.type},
        ${JSON.stringify(record.action)}::jsonb, ${JSON.stringify(record.actor)}::jsonb, ${at}::timestamptz,
        ${record.from}, ${record.to}
      from dossier
    )
    select dossier.code, agency.agency_id as "agencyId", counter.last_value as "sequence",
      head.seq as "headSeq", head.hash as "headHash"
    from dossier, agency, counter, head`);
  type Row = { code: string; agencyId: string; sequence: number; headSeq: number; headHash: string };
  const [row] = (result as unknown as { rows: Row[] }).rows;
  if (!row) return null;
  // The same checks and format as for every code (an invalid configured e-ID, a date out of range: rolled back).
  const code = (d.rehearsal ? formatRehearsalCode : formatDossierCode)(
    row.agencyId,
    now,
    Number(row.sequence),
  );
  if (code !== row.code) throw new Error(`dossier code ${row.code} differs from ${code}`);
  return { code, head: { seq: Number(row.headSeq), hash: row.headHash } };
}

/** A mock dossier only while the receiving centre is in rehearsal mode (read in the intake's transaction). */
async function assertRehearsalMode(tx: Tx, communeCode: string) {
  const mode = await rehearsalModeOf(tx, communeCode);
  if (!mode.enabled) {
    throw new AppError(
      'conflict',
      text(
        'Trung tâm phục vụ hành chính công của xã không ở chế độ diễn tập: không tiếp nhận hồ sơ diễn tập. Hãy bỏ chọn "Hồ sơ diễn tập" (hồ sơ thật của công dân luôn là hồ sơ chính thức) hoặc đề nghị lãnh đạo bật chế độ diễn tập.',
        'The commune\'s service centre is not in rehearsal mode: no rehearsal dossier can be received. Untick "Rehearsal dossier" (a real citizen\'s dossier is always official) or ask the leader to switch rehearsal mode on.',
      ),
      { errors: [{ field: 'body.rehearsal', message: 'Rehearsal mode is off' }] },
    );
  }
}

/** Issues the code and writes the dossier with its first action, audited; idempotent with a key. */
async function createDossier(
  ctx: WriteContext,
  input: IntakeRequest,
  how: Creation,
  checked: Awaited<ReturnType<typeof checkIntake>>,
  options: { now?: Date; idempotencyKey?: string },
) {
  const now = options.now ?? new Date();
  const key = options.idempotencyKey;
  const hash = requestHash(input);
  const { procedure, receivingProvince } = checked;
  const calendar = await getCalendar(ctx.db);
  const { state } = apply(NEW_DOSSIER, how.first, how.actor, now, calendar);
  const id = uuidv7();
  const record = state.history[0]!;
  const p = projectionOf(state);
  const rehearsal = input.rehearsal === true;
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      if (rehearsal) await assertRehearsalMode(tx, input.receivingCommuneCode);
      // A key used before is found by its claim failing (no look-up first): the replay below answers.
      const issued = await insertDossier(tx, {
        id,
        input,
        procedure,
        receivingProvince,
        state,
        now,
        rehearsal,
        ...(key ? { claim: { scope: how.scope, key, hash } } : {}),
      });
      if (!issued) throw new IdempotentReplay();
      const { code } = issued;
      await audit({
        lockedHead: issued.head,
        action: `dossier.${record.action.type}`,
        entityType: 'dossier',
        entityId: id,
        communeCode: input.competentCommuneCode,
        after: {
          code,
          procedureId: procedure.id,
          procedureVersion: procedure.version,
          receivingCommuneCode: input.receivingCommuneCode,
          channel: input.channel,
          ...(rehearsal ? { rehearsal: true } : {}),
          status: state.status,
          dueDate: p.dueDate,
        },
      });
      // Received at the counter: the applicant is told (an online filing is told when the centre receives it).
      if (record.action.type === 'receive')
        await notifyDossierEvent(
          tx,
          {
            id,
            code,
            communeCode: input.competentCommuneCode,
            receivingCommuneCode: input.receivingCommuneCode,
            procedureName: procedure.data.name,
            applicantFullName: input.applicant.fullName,
            applicantPhone: input.applicant.phone,
            rehearsal,
          },
          'received',
          { key: String(state.version), dueDate: p.dueDate },
        );
      return intakeResult({ id, code, dueDate: p.dueDate, status: p.status, rehearsal });
    });
  } catch (e) {
    if (e instanceof IdempotentReplay && key) {
      const replayed = await replayIntake(ctx.db, how.scope, key, hash);
      if (replayed) return replayed;
    }
    throw e;
  }
}

/**
 * Tiếp nhận hồ sơ at the counter: checks completeness against the procedure's current version, computes the
 * due date from the calendar, issues the code and records the first action, in one audited transaction.
 * With an idempotency key, a resent request returns the dossier of the first one.
 */
export async function intakeDossier(
  ctx: WriteContext,
  caller: Caller,
  input: IntakeRequest,
  options: { now?: Date; idempotencyKey?: string } = {},
) {
  const checked = await checkIntake(ctx.db, input);
  if (input.rehearsal && input.competentCommuneCode !== input.receivingCommuneCode) {
    throw fieldError(
      'body.competentCommuneCode',
      'Hồ sơ diễn tập chỉ tiếp nhận cho chính xã đang diễn tập, không cho xã khác.',
      'A rehearsal dossier is received only for the rehearsing commune itself, not for another commune.',
    );
  }
  if (checked.missing.length) throw incomplete(checked.missing);
  const actor: Actor = {
    kind: 'official',
    id: caller.accountId,
    roles: rolesIn(caller.grants, input.receivingCommuneCode, checked.receivingProvince),
  };
  const first: DossierAction = {
    type: 'receive',
    limit: checked.procedure.data.timeLimit,
    ...(input.note ? { note: input.note } : {}),
  };
  return createDossier(ctx, input, { scope: caller.accountId, actor, first }, checked, options);
}

/**
 * Nộp hồ sơ trực tuyến, without an account: the same checklist as at the counter; the dossier gets its code and
 * waits in state submitted_online (national status 1) until the competent commune's centre receives it (the
 * `receive` action starts the clock). Received by the competent commune itself.
 */
export async function submitOnline(
  ctx: WriteContext,
  input: PublicSubmissionRequest,
  options: { now?: Date; idempotencyKey?: string } = {},
) {
  const full: IntakeRequest = {
    ...input,
    receivingCommuneCode: input.competentCommuneCode,
    channel: 'online',
    // Filed by a citizen online: always official, whatever mode the centre is in.
    rehearsal: false,
  };
  const checked = await checkIntake(ctx.db, full, {
    receiving: 'body.competentCommuneCode',
    competent: 'body.competentCommuneCode',
  });
  // Only a commune that uses XãSố would ever receive it (400 naming the field otherwise).
  const commune = await assertTakesOnlineFilings(
    ctx.db,
    input.competentCommuneCode,
    'body.competentCommuneCode',
  );
  if (checked.missing.length) throw incomplete(checked.missing);
  const now = options.now ?? new Date();
  const first: DossierAction = {
    type: 'submit_online',
    limit: checked.procedure.data.timeLimit,
    ...(input.note ? { note: input.note } : {}),
  };
  const result = await createDossier(
    ctx,
    full,
    { scope: `public:${input.applicant.phone}`, actor: { kind: 'applicant' }, first },
    checked,
    { ...options, now },
  );
  const limit = checked.procedure.data.timeLimit;
  return {
    code: result.code,
    status: result.status,
    nationalStatusCode: result.nationalStatusCode,
    commune,
    procedureName: checked.procedure.data.name,
    submittedAt: now.toISOString(),
    // The clock starts at receipt: the due date if the centre receives it at the time of filing.
    expectedDueDate: initialDueDate(now, limit, await getCalendar(ctx.db)),
    verifierHint: {
      vi: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ cùng số điện thoại hoặc số giấy tờ tùy thân đã khai.',
      en: 'Look the dossier up with its code and the phone number or document number you gave.',
    },
  };
}
