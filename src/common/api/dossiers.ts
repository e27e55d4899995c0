/**
 * One-stop dossiers (hồ sơ thủ tục hành chính): the API shapes shared by server and web. Statuses, national
 * status codes and actions come from the server's pure domain (modules/dossiers/domain).
 */
import { z } from 'zod';
import { normalizePhone, VIETNAMESE_PHONE } from '../phone';
import { IsoDate } from './calendar';
import { HandlerRole } from './procedures';
import { CommuneCodeParam } from './units';

export const DOSSIER_CHANNELS = ['counter', 'online'] as const;
export const DossierChannel = z.enum(DOSSIER_CHANNELS);

const Label = z.object({ vi: z.string(), en: z.string() });

export const Applicant = z.object({
  fullName: z.string().trim().min(2, { message: 'person_name' }).max(100, { message: 'person_name' }),
  /** Số định danh cá nhân (CCCD 12 digits), passport or other document number. */
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{6,20}$/),
  /** Spaces, dots and +84 accepted; stored normalised (common/phone.ts), as every look-up and search compares it. */
  phone: z
    .string()
    .max(30, { message: 'phone' })
    .transform(normalizePhone)
    .pipe(z.string().regex(VIETNAMESE_PHONE, { message: 'phone' })),
  address: z.string().trim().min(3).max(300),
});
export type Applicant = z.infer<typeof Applicant>;

/** The applicant as the API shows it (already normalised when stored). */
export const ApplicantView = z.object({
  fullName: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  address: z.string(),
});

/** One required document of the procedure version, by its index: received, or not applicable to this case. */
export const ChecklistItem = z.object({
  index: z.number().int().min(0).max(100),
  status: z.enum(['received', 'not_applicable']).default('received'),
});

export const IntakeRequest = z.object({
  procedureId: z.string().uuid(),
  applicant: Applicant,
  receivingCommuneCode: CommuneCodeParam,
  competentCommuneCode: CommuneCodeParam,
  channel: DossierChannel.default('counter'),
  /** Every required document must be listed (received or not applicable); the others are missing. */
  checklist: z.array(ChecklistItem).max(100),
  note: z.string().trim().max(1000).optional(),
  /**
   * A mock dossier of a trial day (hồ sơ diễn tập), false when absent: accepted only while the receiving commune's
   * centre is in rehearsal mode (409 otherwise) and only for the receiving commune itself; coded from the
   * rehearsal series (`DT-…`), marked DIỄN TẬP everywhere and left out of official counts and statistics.
   */
  rehearsal: z.boolean().optional(),
});
export type IntakeRequest = z.infer<typeof IntakeRequest>;

export const IntakeResult = z.object({
  id: z.string().uuid(),
  code: z.string(),
  /** A mock dossier of a trial day (code from the rehearsal series). */
  rehearsal: z.boolean(),
  dueDate: IsoDate.nullable(),
  status: z.string(),
  nationalStatusCode: z.number().int(),
});

/** Actions an official may send (`POST /dossiers/{id}/actions`); `version` is the version the caller saw. */
export const OFFICIAL_ACTIONS = [
  'receive',
  'refuse_intake',
  'assign',
  'reassign',
  'start_processing',
  'request_supplement',
  'supplement_received',
  'request_payment',
  'payment_received',
  'submit_for_approval',
  'send_back',
  'approve',
  'reject',
  'mark_result_ready',
  'return_result',
  'withdraw',
  'transfer',
  'extend',
  'record_apology',
] as const;

export const DossierActionRequest = z.object({
  action: z.enum(OFFICIAL_ACTIONS),
  version: z.number().int().min(0),
  reason: z.string().trim().max(2000).optional(),
  note: z.string().trim().max(2000).optional(),
  assigneeId: z.string().uuid().optional(),
  toCommuneCode: CommuneCodeParam.optional(),
  newDueDate: IsoDate.optional(),
  /** request_supplement: exactly what the applicant must add (phiếu yêu cầu bổ sung). */
  items: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
  /**
   * A file already attached to the dossier (POST /dossiers/{id}/attachments) that goes with the action: the
   * specialist's draft result on submit_for_approval. Its name and SHA-256 are kept in the history.
   */
  attachmentId: z.string().uuid().optional(),
});
export type DossierActionRequest = z.infer<typeof DossierActionRequest>;

export const Lateness = z.object({
  level: z.enum(['on_time', 'due_today', 'due_soon', 'overdue']),
  dueDate: IsoDate,
  remainingWorkingDays: z.number().int(),
  paused: z.boolean(),
});

export const ScheduledStep = z.object({
  index: z.number().int(),
  name: z.string(),
  handlerRole: HandlerRole,
  body: z.string().nullable(),
  phase: z.enum(['intake', 'processing', 'approval', 'return']),
  dueDate: IsoDate,
  state: z.enum(['done', 'current', 'pending']),
  level: Lateness.shape.level.nullable(),
});

/** Who did a step: the official's name and position that day (account linked to the org chart), else the account's name. */
export const HistoryActor = z.object({
  kind: z.enum(['official', 'applicant']),
  accountId: z.string().nullable(),
  /** Null for the applicant (shown as "Công dân"). */
  name: z.string().nullable(),
  position: z.string().nullable(),
});

export const HistoryEntry = z.object({
  seq: z.number().int(),
  action: z.string(),
  label: Label,
  actorId: z.string().nullable(),
  actor: HistoryActor,
  at: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  fromLabel: Label.nullable(),
  toLabel: Label,
  /** A file that went with the step (the draft result submitted for approval). */
  attachment: z.object({ id: z.string().uuid(), fileName: z.string(), sha256: z.string() }).nullable(),
  reason: z.string().nullable(),
  items: z.array(z.string()).nullable(),
  newDueDate: IsoDate.nullable(),
  note: z.string().nullable(),
});

const DossierRef = z.object({ id: z.string().uuid(), code: z.string() });

/** Slips of a dossier (PDF under /api/v1/dossiers/{id}/slips/{kind}.pdf), each served only in the states it fits. */
export const SLIP_KINDS = ['receipt', 'refusal', 'supplement', 'guidance', 'control', 'apology'] as const;
export const SlipKind = z.enum(SLIP_KINDS);
export type SlipKind = z.infer<typeof SlipKind>;

export const DossierView = z.object({
  id: z.string().uuid(),
  code: z.string(),
  communeCode: z.string(),
  receivingCommuneCode: z.string(),
  procedure: z.object({ id: z.string().uuid(), version: z.number().int(), name: z.string() }),
  channel: DossierChannel,
  applicant: ApplicantView,
  checklist: z.array(ChecklistItem),
  status: z.string(),
  statusLabel: Label,
  nationalStatusCode: z.number().int(),
  version: z.number().int(),
  assigneeId: z.string().nullable(),
  /** When the centre received it (for an online filing not yet received: when it was filed). */
  receivedAt: z.string(),
  /** Filed online: when (kept apart from the time of receipt); null at the counter. */
  submittedAt: z.string().nullable(),
  initialDueDate: IsoDate.nullable(),
  dueDate: IsoDate.nullable(),
  lateness: Lateness.nullable(),
  countsAsLate: z.boolean(),
  /** Carried on from a dossier another commune transferred here. */
  transferredFrom: DossierRef.nullable(),
  /** Transferred: the dossier the competent commune carries it on as. */
  continuedAs: DossierRef.nullable(),
  /** The procedure's processing steps, each with its own due date (its share of the time limit). */
  steps: z.array(ScheduledStep),
  /** The current step when it is due today, due soon or overdue (warns before the whole dossier is late). */
  stepWarning: ScheduledStep.nullable(),
  supplementRequests: z.number().int(),
  closedAt: z.string().nullable(),
  /** Actions the state allows (the caller's role is checked when sent). */
  nextActions: z.array(z.string()),
  /** The slips that fit the dossier's state and history (the buttons of the dossier page). */
  slips: z.array(SlipKind),
  /** A mock dossier of a trial day (hồ sơ diễn tập): every screen and slip shows DIỄN TẬP. */
  rehearsal: z.boolean(),
  /** A rehearsal dossier archived at the commune's cutover: readable, marked, out of the work queues. */
  archivedAt: z.string().nullable(),
  history: z.array(HistoryEntry),
});
export type DossierView = z.infer<typeof DossierView>;

/** Who the dossier can be assigned to: the commune's specialists, and who the task assignment puts in charge. */
export const AssigneeOptions = z.object({
  candidates: z.array(
    z.object({
      accountId: z.string().uuid(),
      displayName: z.string(),
      /** The official of the org chart the account is linked to, with their current titles. */
      official: z
        .object({ id: z.string().uuid(), fullName: z.string(), position: z.string().nullable() })
        .nullable(),
      /** Dossiers in this specialist's "Của tôi" queue now (assigned, being processed). */
      openDossiers: z.number().int(),
    }),
  ),
  /** The area of the current task-assignment announcement that covers the procedure's domain, if any. */
  assignment: z
    .object({
      areaCode: z.string(),
      areaLabel: z.string(),
      inCharge: z.string().nullable(),
      deputy: z.string().nullable(),
      announcementNumber: z.string().nullable(),
    })
    .nullable(),
  /** The candidate to preselect: the account linked to the official in charge (else the deputy), if a candidate. */
  suggestedAccountId: z.string().uuid().nullable(),
});

/**
 * The work queues (hàng đợi), as tabs, in the order of a dossier's day: every state of the lifecycle belongs to
 * one of the state queues (closed dossiers to `all`); `mine`, `due_soon` and `overdue` cut across them.
 */
export const QUEUE_TABS = [
  'to_intake', // nộp trực tuyến, chờ tiếp nhận
  'to_assign', // đã tiếp nhận, chờ chuyển xử lý
  'mine', // của tôi (chuyên viên)
  'processing', // đang xử lý
  'waiting', // chờ công dân bổ sung / thực hiện nghĩa vụ tài chính
  'to_approve', // chờ phê duyệt
  'to_finish', // đã phê duyệt hoặc từ chối, chờ có kết quả
  'to_return', // có kết quả, chờ trả
  'due_soon',
  'overdue',
  'all', // mọi trạng thái, kể cả đã đóng
] as const;
/** The tabs, and `to_receive` (awaiting intake or assignment: both of the first two), kept for older callers. */
export const DOSSIER_QUEUES = [...QUEUE_TABS, 'to_receive'] as const;
export const DossierQueue = z.enum(DOSSIER_QUEUES);

const TabCounts = z.object(
  Object.fromEntries(QUEUE_TABS.map((q) => [q, z.number().int()])) as {
    [K in (typeof QUEUE_TABS)[number]]: z.ZodNumber;
  },
);

/**
 * The number of dossiers in each tab, with the same search and filters: `counts` are the official figures;
 * the rehearsal dossiers (DIỄN TẬP) the list shows are counted apart in `rehearsal`.
 */
export const QueueCounts = z.object({
  communeCode: z.string(),
  counts: TabCounts,
  rehearsal: TabCounts,
});

/** Rehearsal dossiers in a list: among the others, marked (all), left out (official), or alone (rehearsal). */
export const REHEARSAL_FILTERS = ['all', 'official', 'rehearsal'] as const;
export const RehearsalFilter = z.enum(REHEARSAL_FILTERS);

/** Where a listed dossier stands against its due date (the overdue and due-soon queues' own rule). */
export const QUEUE_DEADLINES = ['overdue', 'due_today', 'due_soon', 'on_time', 'paused', 'none'] as const;

export const DossierListItem = z.object({
  id: z.string().uuid(),
  code: z.string(),
  communeCode: z.string(),
  receivingCommuneCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: z.string(),
  statusLabel: Label,
  nationalStatusCode: z.number().int(),
  version: z.number().int(),
  assigneeId: z.string().nullable(),
  receivedAt: z.string(),
  dueDate: IsoDate.nullable(),
  deadline: z.enum(QUEUE_DEADLINES),
  /** A mock dossier of a trial day: shown with the DIỄN TẬP mark, outside the official counts. */
  rehearsal: z.boolean(),
  /** A rehearsal dossier archived at cutover (listed only when asked for). */
  archivedAt: z.string().nullable(),
});

export const DossierPage = z.object({ items: z.array(DossierListItem), nextCursor: z.string().nullable() });

export const SATISFACTION_RATINGS = ['satisfied', 'neutral', 'unsatisfied'] as const;
/** hài lòng / bình thường / không hài lòng */
export const SatisfactionRating = z.enum(SATISFACTION_RATINGS);

/** What anyone holding the code and the applicant's document number (or phone) may see. */
export const PublicDossierStatus = z.object({
  code: z.string(),
  /** A mock dossier of a trial day: the look-up shows DIỄN TẬP (it has no legal effect). */
  rehearsal: z.boolean(),
  procedureName: z.string(),
  status: z.string(),
  statusLabel: Label,
  nationalStatusCode: z.number().int(),
  /** When the centre received it; null while an online filing awaits intake. */
  receivedAt: z.string().nullable(),
  /** Filed online: when. */
  submittedAt: z.string().nullable(),
  dueDate: IsoDate.nullable(),
  /** The position holding the dossier now, never a person's name. */
  holder: Label.nullable(),
  /** What to add when a supplement was requested (and not yet received). */
  missing: z.array(z.string()),
  timeline: z.array(z.object({ at: z.string(), label: Label, status: z.string() })),
  /** The applicant's satisfaction rating, once given. */
  rating: SatisfactionRating.nullable(),
  /** The result was returned and not yet rated: the page offers the rating form. */
  canRate: z.boolean(),
  /** Submitted online, not yet received: the documents the applicant said they send (their scans can follow). */
  documents: z.array(z.object({ index: z.number().int(), name: z.string() })),
  /** Transferred to the competent commune: the code it goes on under (look it up with the same verifier). */
  transferredTo: z.object({ code: z.string() }).nullable(),
  /** Refused at intake or rejected after processing: why, as the officer wrote it (the applicant's right to know). */
  decision: z
    .object({ kind: z.enum(['refused', 'rejected']), reason: z.string(), at: z.string() })
    .nullable(),
  /** A fully online procedure (toàn trình): supplements are sent online and the result is issued electronically. */
  fullyOnline: z.boolean(),
  /** The applicant may send scans now (awaiting intake, or a supplement of a fully online procedure). */
  canUpload: z.boolean(),
  /** The document scans already on the dossier (names, sizes, dates; never the bytes). */
  scans: z.array(
    z.object({
      fileName: z.string(),
      sizeBytes: z.number().int(),
      documentIndex: z.number().int().nullable(),
      uploadedAt: z.string(),
      /** Sent by the applicant online (otherwise scanned by the centre). */
      byApplicant: z.boolean(),
    }),
  ),
  /** The electronic result, once the dossier is returned: download it from `/public/dossiers/{code}/result`. */
  result: z
    .object({ fileName: z.string(), sizeBytes: z.number().int(), sha256: z.string(), uploadedAt: z.string() })
    .nullable(),
});

/** Online submission without an account (nộp hồ sơ trực tuyến): the contact phone is required. */
export const PublicSubmissionRequest = z.object({
  procedureId: z.string().uuid(),
  applicant: Applicant,
  competentCommuneCode: CommuneCodeParam,
  /** Every required document must be listed (received or not applicable); the others are missing. */
  checklist: z.array(ChecklistItem).max(100),
  note: z.string().trim().max(1000).optional(),
});
export type PublicSubmissionRequest = z.infer<typeof PublicSubmissionRequest>;

export const PublicSubmissionResult = z.object({
  code: z.string(),
  status: z.string(),
  nationalStatusCode: z.number().int(),
  /** What was filed where, for the confirmation the citizen prints or saves. */
  commune: z.object({ code: z.string(), name: z.string(), provinceName: z.string() }),
  procedureName: z.string(),
  submittedAt: z.string(),
  /** The due date if the centre receives it on the day of filing (it counts from receipt). */
  expectedDueDate: IsoDate.nullable(),
  /** How to look the dossier up later: the code with the phone or document number given. */
  verifierHint: Label,
});

export const RatingRequest = z.object({
  rating: SatisfactionRating,
  comment: z.string().trim().max(2000).optional(),
});
export type RatingRequest = z.infer<typeof RatingRequest>;

export const RatingResult = z.object({
  code: z.string(),
  rating: SatisfactionRating,
  comment: z.string().nullable(),
  ratedAt: z.string(),
});

/** A commune that takes online filings (its organisation is activated in XãSố), grouped by province. */
export const OnlineCommunes = z.object({
  provinces: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      communes: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
});

/** A province's view of its communes that use XãSố (activated): what is late or due soon in each. */
export const ProvinceDossierOverview = z.object({
  province: z.object({ code: z.string(), name: z.string() }),
  asOf: z.string(),
  communes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** Received and not yet resolved nor closed (the dashboard's "in progress"). */
      open: z.number().int(),
      overdue: z.number().int(),
      dueSoon: z.number().int(),
      /** Submitted online, awaiting intake. */
      toIntake: z.number().int(),
    }),
  ),
});
