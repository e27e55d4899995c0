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
import { canonicalJson, entryHash, maskPersonalData } from '../audit/chain';
import { chainOf, lockChainHead } from '../audit/service';
import { getCalendar } from '../calendar/service';
import type { WorkingCalendar } from '../calendar/working-days';
import { notifyDossierEvent } from '../notifications/dossier-events';
import { channelsOf, publicLink } from '../notifications/notify';
import { render } from '../notifications/templates';
import { getProcedureVersion } from '../procedures/service';
import { communeDirectory } from '../units/service';
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
import {
  type BatchItem,
  type BatchResult,
  batcherFor,
  CODE_TOKEN,
  CODE_TOKEN_LONG,
  SEQ_TOKEN,
} from './intake-batch/batcher';
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

/** Reference data (calendar, map, procedure) changed between the intake's checks and its write. */
class StaleIntake extends Error {}

function keyReused(): AppError {
  return new AppError(
    'conflict',
    text(
      'Khóa Idempotency-Key này đã dùng cho một yêu cầu khác.',
      'This Idempotency-Key was already used for a different request.',
    ),
  );
}

const requestHash = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

async function replayIntake(db: DbOrTx, scope: string, key: string, hash: string) {
  const [found] = await db
    .select({ hash: dossierIdempotencyKeys.requestHash, dossierId: dossierIdempotencyKeys.dossierId })
    .from(dossierIdempotencyKeys)
    .where(and(eq(dossierIdempotencyKeys.scope, scope), eq(dossierIdempotencyKeys.key, key)));
  if (!found) return null;
  if (found.hash !== hash) throw keyReused();
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

function rehearsalOff(): AppError {
  return new AppError(
    'conflict',
    text(
      'Trung tâm phục vụ hành chính công của xã không ở chế độ diễn tập: không tiếp nhận hồ sơ diễn tập. Hãy bỏ chọn "Hồ sơ diễn tập" (hồ sơ thật của công dân luôn là hồ sơ chính thức) hoặc đề nghị lãnh đạo bật chế độ diễn tập.',
      'The commune\'s service centre is not in rehearsal mode: no rehearsal dossier can be received. Untick "Rehearsal dossier" (a real citizen\'s dossier is always official) or ask the leader to switch rehearsal mode on.',
    ),
    { errors: [{ field: 'body.rehearsal', message: 'Rehearsal mode is off' }] },
  );
}

/** A mock dossier only while the receiving centre is in rehearsal mode (read in the intake's transaction). */
async function assertRehearsalMode(tx: Tx, communeCode: string) {
  const mode = await rehearsalModeOf(tx, communeCode);
  if (!mode.enabled) throw rehearsalOff();
}

/**
 * The old way, one interactive transaction per intake: kept for an intake whose message to the applicant could
 * not be rendered before its code is known (a text that the code's length would cut differently).
 */
async function createDossierInTransaction(
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
 * What the intake's checks read of the reference data, from this instance's caches: the calendar and the map with
 * the revisions they were built at (re-checked by the batch under a share lock: an intake never commits against
 * data older than the revision it names), and the receiving commune's name (for the applicant's message; current
 * while the map revision is). No round trip while the caches are live.
 */
interface Reference {
  revisions: { calendar: number; units: number };
  communeName: string | null;
  calendar: WorkingCalendar;
}

async function readReference(db: DbOrTx, communeCode: string, fresh: boolean): Promise<Reference> {
  const [calendar, directory] = await Promise.all([
    getCalendar.revisioned(db, { fresh }),
    communeDirectory.revisioned(db, { fresh }),
  ]);
  return {
    revisions: { calendar: calendar.revision, units: directory.revision },
    communeName: directory.value.get(communeCode)?.name ?? null,
    calendar: calendar.value,
  };
}

/**
 * The applicant's "received" messages as notifyDossierEvent queues them, rendered with a stand-in for the code
 * (the batch puts the code in). Null when a text would come out differently for a longer code (a message cut to
 * its length limit): such an intake takes the old path.
 */
function receivedMessages(
  d: {
    id: string;
    communeCode: string;
    procedureName: string;
    applicantFullName: string;
    applicantPhone: string;
  },
  communeName: string | null,
  dueDate: string | null,
  version: number,
): Record<string, unknown>[] | null {
  const template = 'dossier.received' as const;
  const locale = 'vi' as const;
  const params = (code: string) => ({
    code,
    name: d.applicantFullName,
    communeName,
    procedureName: d.procedureName,
    dueDate,
    previousDueDate: null,
    reason: null,
    items: null,
    url: publicLink(`/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`),
  });
  const messages: Record<string, unknown>[] = [];
  for (const r of channelsOf({ phone: d.applicantPhone })) {
    const short = render(template, locale, params(CODE_TOKEN), r.channel);
    const long = render(template, locale, params(CODE_TOKEN_LONG), r.channel);
    const same = (a: string, b: string) =>
      a.split(CODE_TOKEN).join('\0') === b.split(CODE_TOKEN_LONG).join('\0');
    if (!same(short.subject, long.subject) || !same(short.body, long.body)) return null;
    messages.push({
      id: uuidv7(),
      communeCode: d.communeCode,
      channel: r.channel,
      recipient: r.recipient,
      subject: short.subject,
      body: short.body,
      template,
      locale,
      idempotencyKey: `${template}:${d.id}:${version}:${r.channel}`,
      sourceType: 'dossier',
      sourceId: d.id,
    });
  }
  return messages;
}

/**
 * Issues the code and writes the dossier with its first action, audited, and the applicant's message: handed to
 * the process's intake batcher (one SQL call per batch, see intake-batch/); idempotent with a key.
 */
async function createDossier(
  ctx: WriteContext,
  input: IntakeRequest,
  how: Creation,
  checked: Awaited<ReturnType<typeof checkIntake>>,
  options: { now?: Date; idempotencyKey?: string },
  reference: Reference,
) {
  const now = options.now ?? new Date();
  const key = options.idempotencyKey;
  const hash = requestHash(input);
  const { procedure, receivingProvince } = checked;
  // The calendar of the revision the batch re-checks.
  const { calendar } = reference;
  const { state } = apply(NEW_DOSSIER, how.first, how.actor, now, calendar);
  const id = uuidv7();
  const record = state.history[0]!;
  const p = projectionOf(state);
  const rehearsal = input.rehearsal === true;
  const at = now.toISOString();
  const competent = input.competentCommuneCode;
  const dossier = {
    id,
    communeCode: competent,
    receivingCommuneCode: input.receivingCommuneCode,
    procedureId: procedure.id,
    procedureVersion: procedure.version,
    procedureName: procedure.data.name,
    channel: input.channel,
    applicantFullName: input.applicant.fullName,
    applicantNameFolded: foldVietnamese(input.applicant.fullName),
    applicantIdNumber: input.applicant.idNumber.toUpperCase(),
    applicantPhone: input.applicant.phone,
    applicantAddress: input.applicant.address,
    checklist: input.checklist,
    status: p.status,
    version: p.version,
    dueDate: p.dueDate,
    assigneeId: p.assigneeId,
    closedAt: p.closedAt?.toISOString() ?? null,
    resolvedAt: p.resolvedAt?.toISOString() ?? null,
    lateAcknowledged: p.lateAcknowledged,
    receivedAt: at,
    // Filed online: received_at holds the submission time until the centre's `receive` overwrites it (schema.ts).
    submittedAt: record.action.type === 'submit_online' ? at : null,
    rehearsal,
  };
  // Received at the counter: the applicant is told (an online filing is told when the centre receives it); a
  // rehearsal dossier notifies nobody.
  const messages =
    record.action.type === 'receive' && !rehearsal
      ? receivedMessages(dossier, reference.communeName, p.dueDate, state.version)
      : [];
  if (!messages) return createDossierInTransaction(ctx, input, how, checked, options);
  const chain = chainOf({ communeCode: competent });
  const after = maskPersonalData({
    code: CODE_TOKEN,
    procedureId: procedure.id,
    procedureVersion: procedure.version,
    receivingCommuneCode: input.receivingCommuneCode,
    channel: input.channel,
    ...(rehearsal ? { rehearsal: true } : {}),
    status: state.status,
    dueDate: p.dueDate,
  }) as Record<string, unknown>;
  // The entry as appendAudit would write it (audit/service.ts), `at` normalised as entryHash normalises it.
  const content = {
    chain,
    seq: SEQ_TOKEN,
    at: new Date().toISOString(),
    actorId: ctx.actor.accountId,
    actorName: ctx.actor.name,
    actorRole: ctx.actor.role,
    communeCode: competent,
    action: `dossier.${record.action.type}`,
    entityType: 'dossier',
    entityId: id,
    before: null,
    after,
    requestId: ctx.meta.requestId,
    clientAddress: ctx.meta.clientAddress,
  };
  const item: BatchItem = {
    day: localDate(now),
    defaultAgencyId: defaultAgencyId(input.receivingCommuneCode, receivingProvince),
    claim: key ? { scope: how.scope, key, hash } : null,
    credential: ctx.credential ?? null,
    revisions: reference.revisions,
    dossier,
    action: {
      seq: record.seq,
      communeCode: competent,
      action: record.action.type,
      payload: record.action,
      actor: record.actor,
      at,
      fromStatus: record.from,
      toStatus: record.to,
    },
    audit: { chain, content, text: canonicalJson(content) },
    messages,
  };
  const r: BatchResult = await batcherFor(ctx.db).submit(item);
  if (r.error) {
    switch (r.error) {
      case 'stale':
        throw new StaleIntake();
      case 'unauthenticated':
        throw new AppError(
          'unauthenticated',
          text(
            'Phiên đăng nhập đã kết thúc (đã đăng xuất hoặc hết hạn): hồ sơ chưa được tiếp nhận. Hãy đăng nhập lại.',
            'The session has ended (signed out or expired): the dossier was not received. Sign in again.',
          ),
        );
      case 'rehearsal_off':
        throw rehearsalOff();
      case 'conflict':
        throw keyReused();
      case 'invalid_code':
        // The same refusal as formatDossierCode's for a bad configured e-ID or a date out of range.
        (rehearsal ? formatRehearsalCode : formatDossierCode)(r.agencyId ?? '', now, 1);
        throw new AppError('validation_failed', text('Mã hồ sơ không hợp lệ.', 'Invalid dossier code.'));
      default:
        throw new Error(`intake batch: ${r.error}`);
    }
  }
  if (r.replay) return intakeResult(r);
  // The same format as for every code, and the hash the chain will verify: a mismatch is a bug, said loudly.
  const code = (rehearsal ? formatRehearsalCode : formatDossierCode)(r.agencyId, now, Number(r.sequence));
  if (code !== r.code) throw new Error(`dossier code ${r.code} differs from ${code}`);
  const written = { ...content, seq: Number(r.chainSeq), after: { ...after, code } };
  if (entryHash(r.prevHash, written) !== r.hash) throw new Error(`audit hash of dossier ${id} differs`);
  return intakeResult({ id, code, dueDate: p.dueDate, status: p.status, rehearsal });
}

/**
 * Runs an intake once more when reference data changed under it, with the calendar and the map read against their
 * revisions now (on PostgreSQL the caches' invalidation arrives asynchronously, possibly after the refusal); a
 * second time is a clear 409.
 */
async function retryingStale<T>(run: (fresh: boolean) => Promise<T>): Promise<T> {
  try {
    return await run(false);
  } catch (e) {
    if (!(e instanceof StaleIntake)) throw e;
  }
  try {
    return await run(true);
  } catch (e) {
    if (!(e instanceof StaleIntake)) throw e;
    throw new AppError(
      'conflict',
      text(
        'Lịch làm việc, bản đồ hành chính hoặc thủ tục vừa thay đổi trong lúc tiếp nhận: hồ sơ chưa được tiếp nhận. Hãy kiểm tra và gửi lại.',
        'The calendar, the administrative map or the procedure changed during the intake: the dossier was not received. Check and send it again.',
      ),
    );
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
  return retryingStale(async (fresh) => {
    const reference = await readReference(ctx.db, input.receivingCommuneCode, fresh);
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
    return createDossier(ctx, input, { scope: caller.accountId, actor, first }, checked, options, reference);
  });
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
  const now = options.now ?? new Date();
  const { checked, commune, result } = await retryingStale(async (fresh) => {
    const reference = await readReference(ctx.db, input.competentCommuneCode, fresh);
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
      reference,
    );
    return { checked, commune, result };
  });
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
