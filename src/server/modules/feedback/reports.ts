/**
 * Receiving a report (tiếp nhận phản ánh, kiến nghị): the one use case behind every channel — the public web page,
 * the counter and a phone call recorded by an official, and Open311.
 *
 * USE (Open311 and the intake routes):
 *
 *   createReport(ctx: WriteContext, input: NewReportInput, files: ReportFileUpload[], options: CreateReportOptions)
 *     → Promise<CreatedReport>
 *
 * - `ctx`: `writeContext(req, db)` — the actor is the signed-in official, the API token's owner, or anonymous.
 * - `input` (`NewReportInput` of src/common/api/feedback-intake.ts, i.e. `NewReportRequest.parse(...)` output, but
 *   any object of that shape is checked again here): communeCode | null, categoryId, title, content, placeText,
 *   latitude, longitude, reporterName, reporterPhone, reporterEmail, isPrivate, locale.
 * - `files`: `{ fileName, bytes }[]` (photos and PDFs; at most MAX_FEEDBACK_FILES, each MAX_FEEDBACK_FILE_BYTES).
 * - `options`: `{ channel: 'web'|'counter'|'phone'|'open311', storage: FileStorage, communeCode?: string, now?: Date }`
 *   — `communeCode` is the commune the caller receives for (the staff route's commune, Open311's jurisdiction_id):
 *   the report goes there, and an input naming another commune is refused (400 body.communeCode).
 * - Returns `{ id, code, pin, communeCode, provinceCode, state: 'received', receivedAt, transferDueDate }`; `pin`
 *   is the 6-digit PIN to show once when the reporter gave no phone and no e-mail (null otherwise).
 * - Throws AppError 400 naming the field (`body.title`, `body.categoryId`, `body.latitude`, `body.files` …) for
 *   bad input: empty or too long text, control characters, HTML markup, a point outside Vietnam, a malformed phone
 *   or e-mail, a category of another province or inactive, an unknown commune or one not using XãSố, a place text
 *   that does not say which commune, too many / too large / wrong-type files (413 for a file too large).
 *
 * In one transaction: the tracking code (PA-<commune>-<yyMMdd>-<seq>, per-commune per-day counter, local Vietnam
 * day), the report (state received, transfer deadline from the category's days and the working calendar), its
 * files, the 'receive' action, the audit entry in the commune's chain, and the 'feedback.received' message when the
 * reporter left a phone or an e-mail.
 */

import { randomInt } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { FeedbackChannel } from '../../../common/api/feedback';
import { type NewReportInput, NewReportRequest } from '../../../common/api/feedback-intake';
import { maskPersonalData } from '../../../common/masking';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx, Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, type FieldError, fieldError } from '../../http/errors';
import { findControlCharacter, stripBidiControls } from '../../http/input-text';
import { getCalendar } from '../calendar/service';
import { localDate } from '../dossiers/domain/local-time';
import type { FileStorage } from '../dossiers/storage';
import { notify, publicLink } from '../notifications/notify';
import { orgCommunes } from '../org/schema';
import { resolveAddress } from '../units/resolver';
import { communes, provinces } from '../units/schema';
import { getResolverIndex } from '../units/service';
import {
  checkReportFiles,
  insertReportFiles,
  type ReportFileUpload,
  storeBeforeTransaction,
} from './attachments';
import { getCategory } from './categories';
import { formatFeedbackCode } from './domain/code';
import { dueDate } from './domain/deadlines';
import {
  checkCoordinates,
  checkEmail,
  checkNoHtml,
  checkPhone,
  type FieldProblem,
  normalizeEmail,
  normalizeVnPhone,
} from './domain/validation';
import { feedbackCodeCounters, feedbackReports } from './schema';
import { appendFeedbackAction, FEEDBACK_ENTITY, type FeedbackReportRow } from './store';

export type { NewReportInput } from '../../../common/api/feedback-intake';
export type { ReportFileUpload } from './attachments';

export interface CreateReportOptions {
  channel: FeedbackChannel;
  storage: FileStorage;
  /** The commune the caller receives for (staff route, Open311 jurisdiction): the report goes there. */
  communeCode?: string;
  now?: Date;
}

export interface CreatedReport {
  id: string;
  code: string;
  /** Shown once to a reporter without phone and e-mail (their only way to follow the report); else null. */
  pin: string | null;
  communeCode: string;
  provinceCode: string;
  state: 'received';
  receivedAt: Date;
  transferDueDate: string;
  row: FeedbackReportRow;
}

/** Title and content folded for the trigram duplicate search and the public search, personal data masked first. */
export function feedbackSearchText(
  title: string,
  content: string,
  known: { names?: string[]; phones?: string[]; emails?: string[] } = {},
): string {
  return foldVietnamese(maskPersonalData(`${title}\n${content}`, known));
}

/** A ZodError's issues as the 400 of the API, fields named `body.<path>`. */
function zodToFieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): AppError {
  const errors: FieldError[] = issues.map((i) => ({
    field: ['body', ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new AppError('validation_failed', { vi: detail, en: detail }, { errors });
}

/** Parses and checks the input as a route would (Open311 passes plain objects). */
export function parseNewReport(raw: unknown): NewReportInput {
  const control = findControlCharacter(raw, 'body');
  if (control)
    throw fieldError(
      control,
      'Có ký tự điều khiển không hợp lệ (ví dụ NUL) trong dữ liệu gửi lên.',
      'Contains a control character (such as NUL) that is not allowed.',
    );
  const parsed = NewReportRequest.safeParse(stripBidiControls(raw));
  if (!parsed.success) throw zodToFieldErrors(parsed.error.issues);
  const input = parsed.data;
  const problem =
    (['title', 'content', 'placeText', 'reporterName'] as const)
      .map((f) => checkNoHtml(`body.${f}`, input[f]))
      .find(Boolean) ??
    checkCoordinates(input.latitude, input.longitude, 'body') ??
    checkPhone('body.reporterPhone', input.reporterPhone) ??
    checkEmail('body.reporterEmail', input.reporterEmail);
  if (problem) throw refused(problem);
  return input;
}

const refused = (p: FieldProblem) =>
  new AppError(
    'validation_failed',
    { vi: p.vi, en: p.en },
    {
      errors: [{ field: p.field, message: { vi: p.vi, en: p.en } }],
    },
  );

/** The phone in its national form (0912345678) and the e-mail in lower case (checked by parseNewReport). */
export function contactOf(input: NewReportInput) {
  return {
    phone: input.reporterPhone ? normalizeVnPhone(input.reporterPhone) : null,
    email: input.reporterEmail ? normalizeEmail(input.reporterEmail) : null,
  };
}

export interface CommuneFacts {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

/** The commune a report is for, with its province; 400 when it does not take feedback in XãSố yet. */
export async function communeFacts(db: DbOrTx, code: string): Promise<CommuneFacts | null> {
  const [row] = await db
    .select({
      code: communes.code,
      name: communes.name,
      provinceCode: communes.provinceCode,
      provinceName: provinces.name,
      active: orgCommunes.communeCode,
    })
    .from(communes)
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .leftJoin(orgCommunes, eq(orgCommunes.communeCode, communes.code))
    .where(eq(communes.code, code));
  if (!row) return null;
  if (!row.active)
    throw fieldError(
      'body.communeCode',
      '{name} chưa sử dụng XãSố để tiếp nhận phản ánh; hãy gửi trực tiếp tới UBND xã/phường.',
      '{name} does not take feedback in XãSố yet; contact its People’s Committee directly.',
      { name: row.name },
    );
  return { code: row.code, name: row.name, provinceCode: row.provinceCode, provinceName: row.provinceName };
}

/** A resolution the place text gives confidently enough to route a report by (one commune, not split). */
const MIN_ROUTING_CONFIDENCE = 0.6;
const ROUTING_MARGIN = 0.3;

/**
 * The commune of the report and the place as resolved: the commune the caller receives for, else the one chosen,
 * else the one the place text names (old addresses too). The resolved place is kept only when it falls in that
 * commune.
 */
export async function placeAndCommune(
  db: DbOrTx,
  input: NewReportInput,
  fixed: string | undefined,
): Promise<{ commune: CommuneFacts; placeResolved: string | null }> {
  if (fixed && input.communeCode && input.communeCode !== fixed)
    throw fieldError(
      'body.communeCode',
      'Phản ánh được ghi nhận cho xã/phường {c}; không thể ghi cho xã/phường khác.',
      'The report is recorded for commune {c}; it cannot be recorded for another commune.',
      { c: fixed },
    );
  const chosen = fixed ?? input.communeCode;
  const resolution = input.placeText
    ? resolveAddress(await getResolverIndex(db), input.placeText, { limit: 3 })
    : null;
  const [top, second] = resolution?.candidates ?? [];
  // One commune clearly ahead of any other (a former unit split between communes never routes by itself).
  const confident =
    top &&
    top.confidence >= MIN_ROUTING_CONFIDENCE &&
    !top.partial &&
    resolution?.reason !== 'split' &&
    (!second || second.confidence <= top.confidence - ROUTING_MARGIN);
  const code = chosen ?? (confident ? top.commune.code : null);
  if (!code)
    throw fieldError(
      input.placeText ? 'body.placeText' : 'body.communeCode',
      input.placeText
        ? 'Chưa xác định được xã/phường từ địa điểm "{p}"; hãy ghi rõ tên xã/phường (mới hoặc cũ) hoặc chọn xã/phường.'
        : 'Hãy chọn xã/phường nơi xảy ra sự việc hoặc ghi địa điểm.',
      input.placeText
        ? 'The commune could not be told from the place "{p}"; name the (new or former) commune or choose it.'
        : 'Choose the commune where it happens or write the place.',
      { p: (input.placeText ?? '').slice(0, 120) },
    );
  const commune = await communeFacts(db, code);
  if (!commune)
    throw fieldError('body.communeCode', 'Không có xã/phường mã "{c}".', 'No commune "{c}".', { c: code });
  const inCommune = resolution?.candidates.find((c) => c.commune.code === commune.code);
  const placeResolved = inCommune ? resolvedPlace(resolution?.street, inCommune.commune) : null;
  return { commune, placeResolved };
}

/** The place as resolved in a commune: "Chợ, Phường Trần Phú, Hà Tĩnh" (street, commune, province). */
export const resolvedPlace = (
  street: string | null | undefined,
  commune: { name: string; provinceName: string },
): string => [street, commune.name, commune.provinceName].filter(Boolean).join(', ');

/** The category, active and of the commune's province; else 400 naming body.categoryId. */
export async function categoryFor(db: DbOrTx, categoryId: string, provinceCode: string) {
  const category = await getCategory(db, categoryId);
  if (!category || category.provinceCode !== provinceCode || !category.active)
    throw fieldError(
      'body.categoryId',
      'Lĩnh vực phản ánh không thuộc danh mục của tỉnh nơi xã/phường này trực thuộc.',
      "The category is not one of the province's active feedback categories.",
    );
  return category;
}

/** The next sequence of the commune's tracking codes for the day, inside the transaction (never reused). */
async function nextCodeSeq(tx: Tx, communeCode: string, day: string): Promise<number> {
  const [row] = await tx
    .insert(feedbackCodeCounters)
    .values({ communeCode, day, last: 1 })
    .onConflictDoUpdate({
      target: [feedbackCodeCounters.communeCode, feedbackCodeCounters.day],
      set: { last: sql`${feedbackCodeCounters.last} + 1` },
    })
    .returning({ last: feedbackCodeCounters.last });
  return row!.last;
}

export const hashPin = (pin: string) =>
  hash(pin, { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export const ACTOR_KIND = {
  web: 'reporter',
  counter: 'official',
  phone: 'official',
  open311: 'api',
} as const;

/** A new report's row as it is received (createReport, the demo's bulk seed). */
export function newReportRow(r: {
  id: string;
  code: string;
  commune: { code: string; provinceCode: string };
  categoryId: string;
  channel: keyof typeof ACTOR_KIND;
  input: NewReportInput;
  phone: string | null;
  email: string | null;
  placeResolved: (typeof feedbackReports.$inferInsert)['placeResolved'];
  pinHash: string | null;
  transferDueDate: string;
  now: Date;
}) {
  const { input, phone, email, now } = r;
  return {
    id: r.id,
    code: r.code,
    communeCode: r.commune.code,
    provinceCode: r.commune.provinceCode,
    categoryId: r.categoryId,
    channel: r.channel,
    title: input.title,
    content: input.content,
    searchText: feedbackSearchText(input.title, input.content, {
      names: input.reporterName ? [input.reporterName] : [],
      phones: phone ? [phone] : [],
      emails: email ? [email] : [],
    }),
    placeText: input.placeText,
    placeResolved: r.placeResolved,
    latitude: input.latitude,
    longitude: input.longitude,
    reporterName: input.reporterName,
    reporterPhone: phone,
    reporterEmail: email,
    anonymous: !input.reporterName && !phone && !email,
    trackingPinHash: r.pinHash,
    isPrivate: input.isPrivate,
    state: 'received' as const,
    receivedAt: now,
    transferDueDate: r.transferDueDate,
    createdAt: now,
    updatedAt: now,
  };
}

export async function createReport(
  ctx: WriteContext,
  rawInput: NewReportInput,
  files: readonly ReportFileUpload[],
  options: CreateReportOptions,
): Promise<CreatedReport> {
  const input = parseNewReport(rawInput);
  const { phone, email } = contactOf(input);
  const now = options.now ?? new Date();
  const { commune, placeResolved } = await placeAndCommune(ctx.db, input, options.communeCode);
  const category = await categoryFor(ctx.db, input.categoryId, commune.provinceCode);
  const checked = await checkReportFiles(files);
  const day = localDate(now);
  const calendar = await getCalendar(ctx.db);
  const transferDueDate = dueDate(day, category.transferDays, category.daysKind, calendar);
  const answerDueAtLatest = dueDate(transferDueDate, category.answerDays, category.daysKind, calendar);
  const pin = !phone && !email ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
  const pinHash = pin ? await hashPin(pin) : null;
  const keys = await storeBeforeTransaction(options.storage, checked);
  const official = options.channel === 'web' ? null : ctx.actor.accountId;
  const id = uuidv7();

  const row = await inTransaction(ctx, async (tx, audit) => {
    const code = formatFeedbackCode(commune.code, day, await nextCodeSeq(tx, commune.code, day));
    const [inserted] = await tx
      .insert(feedbackReports)
      .values({
        ...newReportRow({
          id,
          code,
          commune,
          categoryId: category.id,
          channel: options.channel,
          input,
          phone,
          email,
          placeResolved,
          pinHash,
          transferDueDate,
          now,
        }),
      })
      .returning();
    const files = await insertReportFiles(
      tx,
      options.storage,
      checked,
      keys,
      inserted!,
      'report',
      official,
      now,
    );
    await appendFeedbackAction(tx, {
      reportId: id,
      communeCode: commune.code,
      action: 'receive',
      fromState: null,
      toState: 'received',
      actorKind: ACTOR_KIND[options.channel],
      actorId: ctx.actor.accountId,
      data: { channel: options.channel, files: files.length },
      at: now,
    });
    await audit({
      action: 'feedback.receive',
      entityType: FEEDBACK_ENTITY,
      entityId: id,
      communeCode: commune.code,
      after: {
        code,
        channel: options.channel,
        categoryId: category.id,
        title: input.title,
        anonymous: inserted!.anonymous,
        isPrivate: input.isPrivate,
        files: files.map((f) => ({ id: f.id, name: f.fileName, sha256: f.sha256 })),
        transferDueDate,
      },
    });
    if (phone || email)
      await notify(tx, {
        template: 'feedback.received',
        params: {
          code,
          title: input.title,
          name: input.reporterName ?? '',
          communeName: commune.name,
          // The latest answer date if the report is accepted on its transfer deadline (counted from acceptance).
          dueDate: answerDueAtLatest,
          url: publicLink(`/phan-anh/theo-doi?ma=${encodeURIComponent(code)}`),
        },
        to: { phone, email },
        locale: input.locale,
        communeCode: commune.code,
        sourceType: FEEDBACK_ENTITY,
        sourceId: id,
        idempotencyKey: `feedback.received:${id}`,
      });
    return inserted!;
  });

  return {
    id,
    code: row.code,
    pin,
    communeCode: commune.code,
    provinceCode: commune.provinceCode,
    state: 'received',
    receivedAt: now,
    transferDueDate,
    row,
  };
}

/** The report of a (normalised) tracking code, or null. */
export async function findReportByCode(db: DbOrTx, code: string): Promise<FeedbackReportRow | null> {
  const [row] = await db.select().from(feedbackReports).where(eq(feedbackReports.code, code));
  return row ?? null;
}
