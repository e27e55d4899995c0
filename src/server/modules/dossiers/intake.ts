/**
 * Tiếp nhận hồ sơ at the counter: completeness against the procedure version, due date from the calendar, the
 * code from the per-commune daily counter and the first action of the history, in one audited transaction;
 * idempotent with an Idempotency-Key.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { IntakeRequest, PublicSubmissionRequest } from '../../../common/api/dossiers';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, type FieldError, fieldError, text } from '../../http/errors';
import { getCalendar } from '../calendar/service';
import { getProcedureVersion } from '../procedures/service';
import { agencyIdOf, issueDossierCode } from './codes';
import {
  type Actor,
  apply,
  type DossierAction,
  type DossierStatus,
  NEW_DOSSIER,
  nationalStatusOf,
} from './domain';
import { dossierActions, dossierIdempotencyKeys, dossiers } from './schema';
import { type Caller, type DossierRow, findDossierRow, projectionOf, provinceOf, rolesIn } from './service';

function intakeResult(row: Pick<DossierRow, 'id' | 'code' | 'dueDate' | 'status'>) {
  const status = row.status as DossierStatus;
  return {
    id: row.id,
    code: row.code,
    dueDate: row.dueDate,
    status,
    nationalStatusCode: nationalStatusOf(status),
  };
}

/** The documents of the procedure the checklist leaves out (each required document must be listed). */
export function missingDocuments(
  required: readonly { name: string }[],
  checklist: IntakeRequest['checklist'],
): { index: number; name: string }[] {
  const bad = checklist.find((c) => c.index >= required.length);
  if (bad) {
    throw fieldError(
      'body.checklist',
      'Thủ tục không có giấy tờ số {i}.',
      'The procedure has no document {i}.',
      {
        i: bad.index,
      },
    );
  }
  const listed = new Set(checklist.map((c) => c.index));
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
  const competentProvince = await provinceOf(db, input.competentCommuneCode, fields.competent);
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
  if (key) {
    const replayed = await replayIntake(ctx.db, how.scope, key, hash);
    if (replayed) return replayed;
  }
  const { procedure, receivingProvince } = checked;
  const calendar = await getCalendar(ctx.db);
  const { state } = apply(NEW_DOSSIER, how.first, how.actor, now, calendar);
  const agencyId = await agencyIdOf(ctx.db, input.receivingCommuneCode, receivingProvince);
  const id = uuidv7();
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      if (key) {
        const claimed = await tx
          .insert(dossierIdempotencyKeys)
          .values({ scope: how.scope, key, requestHash: hash, dossierId: id })
          .onConflictDoNothing()
          .returning({ key: dossierIdempotencyKeys.key });
        if (!claimed.length) throw new IdempotentReplay();
      }
      const code = await issueDossierCode(tx, input.receivingCommuneCode, agencyId, now);
      const record = state.history[0]!;
      const [row] = await tx
        .insert(dossiers)
        .values({
          id,
          code,
          communeCode: input.competentCommuneCode,
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
          ...projectionOf(state),
          receivedAt: now,
        })
        .returning();
      await tx.insert(dossierActions).values({
        dossierId: id,
        seq: record.seq,
        communeCode: input.competentCommuneCode,
        action: record.action.type,
        payload: record.action,
        actor: record.actor,
        at: now,
        fromStatus: record.from,
        toStatus: record.to,
      });
      await audit({
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
          status: state.status,
          dueDate: row!.dueDate,
        },
      });
      return intakeResult(row!);
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
  };
  const checked = await checkIntake(ctx.db, full, {
    receiving: 'body.competentCommuneCode',
    competent: 'body.competentCommuneCode',
  });
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
    options,
  );
  return {
    code: result.code,
    status: result.status,
    nationalStatusCode: result.nationalStatusCode,
    verifierHint: {
      vi: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ cùng số điện thoại hoặc số giấy tờ tùy thân đã khai.',
      en: 'Look the dossier up with its code and the phone number or document number you gave.',
    },
  };
}
