/**
 * A commune's checklist: the province's published items with the commune's answers (by item key), the checks
 * from the records, and the computed readiness; the leader's answers (status, comment, owner, due date) with
 * optimistic locking, and the evidence (a photo or a file, checked like a meeting paper: PDF, JPEG, PNG, DOCX,
 * ODT by content, no active content, no macros), stored in the dossiers' file storage.
 *
 * Who answers: the commune leader (campaign.manage). Officers with campaign.contribute do not: the template's
 * "owner" is free text (a unit or a title, "Văn phòng HĐND và UBND"), not an account, so XãSố cannot tell which
 * officer owns an item; they report through incidents and lessons, and the leader records the answer.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type {
  AnswerRequest,
  ChecklistItem,
  CommuneReadiness,
  Evidence,
} from '../../../common/api/campaign-readiness';
import { MAX_EVIDENCE_PER_ITEM } from '../../../common/api/campaign-readiness';
import { PAPER_FILE_TYPES, type PaperFileType } from '../../../common/api/meeting-papers';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { inspectContent } from '../dossiers/attachment-content';
import { sanitizeFileName } from '../dossiers/attachment-names';
import {
  DEFAULT_ATTACHMENT_LIMITS,
  detectAttachmentType,
  fileTooLarge,
  refusedContent,
} from '../dossiers/attachments';
import { type FileStorage, keyOfDigest, sha256Hex } from '../dossiers/storage';
import { officeCodeEntry } from '../meetings/papers-file';
import { todayInVietnam } from '../org/document-format';
import { communes } from '../units/schema';
import { isCommuneLive } from './golive';
import {
  autoChecksOf,
  blockingIncidentsOf,
  publishedTemplateOf,
  recordReadinessSnapshot,
  ruleItem,
} from './readiness';
import { type AnswerStatus, computeReadiness, effectiveStatus } from './readiness-rules';
import { readinessAnswers } from './schema';
import { settingsOf } from './settings';

type AnswerRow = typeof readinessAnswers.$inferSelect;

/** Evidence as stored in readiness_answers.evidence (the API shows it without the storage fields). */
interface StoredEvidence extends Evidence {
  storageKey: string;
  sha256: string;
}

const evidenceOf = (row: AnswerRow | undefined): StoredEvidence[] =>
  Array.isArray(row?.evidence) ? (row.evidence as StoredEvidence[]) : [];

const publicEvidence = ({ storageKey: _k, sha256: _s, ...e }: StoredEvidence): Evidence => e;

export async function provinceOfCommune(db: DbOrTx, communeCode: string): Promise<string> {
  const [row] = await db
    .select({ provinceCode: communes.provinceCode })
    .from(communes)
    .where(eq(communes.code, communeCode));
  if (!row) throw notFound('xã/phường', 'commune', communeCode);
  return row.provinceCode;
}

/** The stored values of an answer to a checklist item, written by `by` at `now` (answerItem, the demo's bulk seed). */
export function answerValues(
  input: Pick<AnswerRequest, 'status' | 'comment' | 'owner' | 'dueDate'>,
  by: string,
  now: Date,
) {
  return {
    status: input.status,
    comment: input.comment || null,
    owner: input.owner || null,
    dueDate: input.dueDate ?? null,
    updatedBy: by,
    updatedAt: now,
  };
}

/** The commune's checklist as its people see it (read by everyone with campaign.read over the commune). */
export async function communeReadiness(
  db: DbOrTx,
  communeCode: string,
  options: { canAnswer: boolean },
): Promise<CommuneReadiness> {
  const provinceCode = await provinceOfCommune(db, communeCode);
  const today = todayInVietnam();
  const [published, settings, live] = await Promise.all([
    publishedTemplateOf(db, provinceCode),
    settingsOf(db, provinceCode),
    isCommuneLive(db, communeCode),
  ]);
  const items = published?.items ?? [];
  const rules = items.map(ruleItem);
  const wanted = new Set(rules.flatMap((i) => (i.autoCheck ? [i.autoCheck] : [])));
  const [auto, incidents, answers] = await Promise.all([
    autoChecksOf(db, [communeCode], wanted, today),
    blockingIncidentsOf(db, [communeCode]),
    items.length
      ? db
          .select()
          .from(readinessAnswers)
          .where(
            and(
              eq(readinessAnswers.communeCode, communeCode),
              inArray(
                readinessAnswers.itemKey,
                items.map((i) => i.itemKey),
              ),
            ),
          )
      : Promise.resolve([] as AnswerRow[]),
  ]);
  const byKey = new Map(answers.map((a) => [a.itemKey, a]));
  const statuses = new Map(answers.map((a) => [a.itemKey, a.status as AnswerStatus]));
  const autoOf = auto.get(communeCode) ?? {};
  const out: ChecklistItem[] = items.map((i, n) => {
    const a = byKey.get(i.itemKey);
    const rule = rules[n]!;
    const status = effectiveStatus(rule, statuses, autoOf);
    const due = a?.dueDate ?? i.dueDate;
    return {
      itemKey: i.itemKey,
      groupKey: i.groupKey as ChecklistItem['groupKey'],
      title: i.title,
      description: i.description,
      weight: i.weight,
      owner: i.owner,
      dueDate: i.dueDate,
      blocker: i.blocker,
      autoCheck: rule.autoCheck,
      sortOrder: i.sortOrder,
      status,
      comment: a?.comment ?? null,
      answerOwner: a?.owner ?? null,
      answerDueDate: a?.dueDate ?? null,
      evidence: evidenceOf(a).map(publicEvidence),
      answerVersion: a?.version ?? 0,
      updatedAt: a?.updatedAt.toISOString() ?? null,
      updatedBy: a?.updatedBy ?? null,
      auto: rule.autoCheck ? (autoOf[rule.autoCheck] ?? { ok: false, detail: '' }) : null,
      overdue: !!due && due < today && status !== 'done' && status !== 'not_applicable',
    };
  });
  return {
    communeCode,
    provinceCode,
    template: published
      ? { id: published.template.id, version: published.template.version, title: published.template.title }
      : null,
    items: out,
    readiness: computeReadiness(rules, statuses, autoOf, incidents.get(communeCode) ?? []),
    goLiveThreshold: settings.goLiveThreshold,
    live,
    canAnswer: options.canAnswer && !live && !!published,
    today,
  };
}

/** The published item of the commune's province with this key, or a 400 naming the item. */
async function publishedItem(db: DbOrTx, communeCode: string, itemKey: string) {
  const provinceCode = await provinceOfCommune(db, communeCode);
  const published = await publishedTemplateOf(db, provinceCode);
  const item = published?.items.find((i) => i.itemKey === itemKey);
  if (!item)
    throw fieldError(
      'params.itemKey',
      'Danh mục sẵn sàng đang áp dụng của tỉnh không có mục "{k}".',
      'The province\'s published readiness checklist has no item "{k}".',
      { k: itemKey.slice(0, 60) },
    );
  return { provinceCode, item };
}

const liveClosed = () =>
  new AppError(
    'conflict',
    text(
      'Xã đã vận hành chính thức; danh mục sẵn sàng được giữ nguyên như lúc chuyển.',
      'The commune is live; its readiness checklist is kept as it was at cutover.',
    ),
  );

const autoRefused = () =>
  new AppError(
    'conflict',
    text(
      'Mục này được kiểm tra tự động từ dữ liệu của hệ thống, không đánh dấu bằng tay.',
      "This item is checked automatically from the system's records; it cannot be ticked by hand.",
    ),
  );

const staleAnswer = () =>
  new AppError(
    'conflict',
    text(
      'Câu trả lời vừa được người khác cập nhật; hãy tải lại rồi sửa.',
      'The answer was just updated by someone else; reload and try again.',
    ),
  );

async function lockedAnswer(tx: DbOrTx, communeCode: string, itemKey: string) {
  const [row] = await tx
    .select()
    .from(readinessAnswers)
    .where(and(eq(readinessAnswers.communeCode, communeCode), eq(readinessAnswers.itemKey, itemKey)))
    .for('update');
  return row;
}

/** The leader answers an item (status, comment, owner, due date), sending back the version read. */
export async function answerItem(
  ctx: WriteContext,
  communeCode: string,
  itemKey: string,
  input: AnswerRequest,
): Promise<void> {
  const { provinceCode, item } = await publishedItem(ctx.db, communeCode, itemKey);
  if (item.autoCheck) throw autoRefused();
  if (item.blocker && input.status === 'not_applicable')
    throw fieldError(
      'body.status',
      'Mục "{t}" là điều kiện bắt buộc, không thể đánh dấu "không áp dụng".',
      'Item "{t}" is a blocker; it cannot be marked not applicable.',
      { t: item.title.slice(0, 80) },
    );
  await inTransaction(ctx, async (tx, audit) => {
    if (await isCommuneLive(tx, communeCode)) throw liveClosed();
    const row = await lockedAnswer(tx, communeCode, itemKey);
    if ((row?.version ?? 0) !== input.version) throw staleAnswer();
    const values = answerValues(input, ctx.actor.name, new Date());
    if (row)
      await tx
        .update(readinessAnswers)
        .set({ ...values, version: row.version + 1 })
        .where(and(eq(readinessAnswers.communeCode, communeCode), eq(readinessAnswers.itemKey, itemKey)));
    else
      await tx.insert(readinessAnswers).values({ communeCode, provinceCode, itemKey, version: 1, ...values });
    await recordReadinessSnapshot(tx, communeCode);
    await audit({
      action: 'campaign.readiness.answer',
      entityType: 'readiness_answer',
      entityId: `${communeCode}:${itemKey}`,
      communeCode,
      before: row
        ? { status: row.status, comment: row.comment, owner: row.owner, dueDate: row.dueDate }
        : null,
      after: { status: values.status, comment: values.comment, owner: values.owner, dueDate: values.dueDate },
    });
  });
}

export interface EvidenceUpload {
  fileName: string;
  bytes: Buffer;
}

export const EVIDENCE_MAX_BYTES = DEFAULT_ATTACHMENT_LIMITS.maxBytes;

/** Checks the file like a meeting paper (before anything is stored); returns its detected type. */
async function checkEvidence(upload: EvidenceUpload, maxBytes: number): Promise<PaperFileType> {
  const { bytes } = upload;
  const name = upload.fileName.slice(0, 120);
  if (bytes.length === 0) throw fieldError('body.file', 'Tệp rỗng, không có nội dung.', 'The file is empty.');
  if (bytes.length > maxBytes) throw fileTooLarge(maxBytes);
  const type = await detectAttachmentType(bytes, PAPER_FILE_TYPES);
  if (!type)
    throw fieldError(
      'body.file',
      'Nội dung tệp "{name}" không phải ảnh (JPEG, PNG) hay tài liệu (PDF, DOCX, ODT); minh chứng chỉ nhận các định dạng này.',
      'The content of "{name}" is not a photo (JPEG, PNG) or a document (PDF, DOCX, ODT); evidence is accepted only in these formats.',
      { name },
    );
  if (type === 'application/pdf' || type === 'image/jpeg' || type === 'image/png') {
    const refusal = inspectContent(bytes, type);
    if (refusal) throw refusedContent(refusal, upload.fileName);
  } else {
    const entry = officeCodeEntry(bytes);
    if (entry)
      throw fieldError(
        'body.file',
        'Tệp "{name}" chứa macro hoặc mã lệnh ({what}); không nhận.',
        'The file "{name}" contains macros or code ({what}); it is refused.',
        { name, what: entry.slice(0, 80) },
      );
  }
  return type;
}

/** Adds a photo or a file as evidence of an item (not of an auto-checked one: the records are its evidence). */
export async function addEvidence(
  ctx: WriteContext,
  storage: FileStorage,
  communeCode: string,
  itemKey: string,
  upload: EvidenceUpload,
  maxBytes = EVIDENCE_MAX_BYTES,
): Promise<Evidence> {
  const { provinceCode, item } = await publishedItem(ctx.db, communeCode, itemKey);
  if (item.autoCheck) throw autoRefused();
  const type = await checkEvidence(upload, maxBytes);
  const sha256 = sha256Hex(upload.bytes);
  const storageKey = storage.transactional ? keyOfDigest(sha256) : await storage.put(upload.bytes);
  const evidence: StoredEvidence = {
    fileId: uuidv7(),
    name: sanitizeFileName(upload.fileName, type),
    contentType: type,
    size: upload.bytes.length,
    uploadedAt: new Date().toISOString(),
    uploadedBy: ctx.actor.name,
    storageKey,
    sha256,
  };
  await inTransaction(ctx, async (tx, audit) => {
    if (await isCommuneLive(tx, communeCode)) throw liveClosed();
    const row = await lockedAnswer(tx, communeCode, itemKey);
    const list = evidenceOf(row);
    if (list.length >= MAX_EVIDENCE_PER_ITEM)
      throw fieldError(
        'body.file',
        'Mỗi mục có tối đa {n} tệp minh chứng.',
        'At most {n} evidence files per item.',
        { n: MAX_EVIDENCE_PER_ITEM },
      );
    if (storage.transactional) await storage.put(upload.bytes, tx);
    const now = new Date();
    if (row)
      await tx
        .update(readinessAnswers)
        .set({
          evidence: [...list, evidence],
          version: row.version + 1,
          updatedAt: now,
          updatedBy: ctx.actor.name,
        })
        .where(and(eq(readinessAnswers.communeCode, communeCode), eq(readinessAnswers.itemKey, itemKey)));
    else
      await tx.insert(readinessAnswers).values({
        communeCode,
        provinceCode,
        itemKey,
        status: 'not_started',
        evidence: [evidence],
        version: 1,
        updatedAt: now,
        updatedBy: ctx.actor.name,
      });
    await audit({
      action: 'campaign.readiness.evidence.add',
      entityType: 'readiness_answer',
      entityId: `${communeCode}:${itemKey}`,
      communeCode,
      after: { fileId: evidence.fileId, name: evidence.name, contentType: type, size: evidence.size, sha256 },
    });
  });
  return publicEvidence(evidence);
}

const evidenceNotFound = (id: string) => notFound('tệp minh chứng', 'evidence file', id);

export async function removeEvidence(
  ctx: WriteContext,
  communeCode: string,
  itemKey: string,
  fileId: string,
): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    if (await isCommuneLive(tx, communeCode)) throw liveClosed();
    const row = await lockedAnswer(tx, communeCode, itemKey);
    const list = evidenceOf(row);
    const found = list.find((e) => e.fileId === fileId);
    if (!row || !found) throw evidenceNotFound(fileId);
    await tx
      .update(readinessAnswers)
      .set({
        evidence: list.filter((e) => e.fileId !== fileId),
        version: row.version + 1,
        updatedAt: new Date(),
        updatedBy: ctx.actor.name,
      })
      .where(and(eq(readinessAnswers.communeCode, communeCode), eq(readinessAnswers.itemKey, itemKey)));
    await audit({
      action: 'campaign.readiness.evidence.remove',
      entityType: 'readiness_answer',
      entityId: `${communeCode}:${itemKey}`,
      communeCode,
      before: { fileId, name: found.name },
    });
  });
}

/** The bytes of an evidence file, checked against their SHA-256. */
export async function evidenceContent(
  db: DbOrTx,
  storage: FileStorage,
  communeCode: string,
  itemKey: string,
  fileId: string,
): Promise<{ evidence: Evidence; bytes: Buffer }> {
  const [row] = await db
    .select()
    .from(readinessAnswers)
    .where(and(eq(readinessAnswers.communeCode, communeCode), eq(readinessAnswers.itemKey, itemKey)));
  const found = evidenceOf(row).find((e) => e.fileId === fileId);
  if (!found) throw evidenceNotFound(fileId);
  const bytes = await storage.get(found.storageKey);
  if (!bytes || bytes.length !== found.size || sha256Hex(bytes) !== found.sha256)
    throw new AppError(
      'internal',
      text(
        'Tệp "{name}" trên máy chủ bị hỏng hoặc bị mất (mã kiểm tra SHA-256 không khớp).',
        'The stored file "{name}" is damaged or missing (SHA-256 mismatch).',
        { name: found.name },
      ),
    );
  return { evidence: publicEvidence(found), bytes };
}

/** Storage keys among `keys` that some readiness evidence refers to (for the collector of unreferenced files). */
export async function readinessEvidenceKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (keys.length === 0) return out;
  const rows = await db
    .select({ evidence: readinessAnswers.evidence })
    .from(readinessAnswers)
    .where(
      sql`exists (select 1 from jsonb_array_elements(${readinessAnswers.evidence}) e where ${inArray(sql`e->>'storageKey'`, keys)})`,
    );
  const wanted = new Set(keys);
  for (const r of rows)
    for (const e of Array.isArray(r.evidence) ? (r.evidence as StoredEvidence[]) : [])
      if (wanted.has(e.storageKey)) out.add(e.storageKey);
  return out;
}
