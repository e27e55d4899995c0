/**
 * Administrative procedures (thủ tục hành chính, TTHC) of the commune: the catalogue entry shared by server and
 * web. Amounts are in đồng (integers). A fact not confirmed in a legal text is data marked `confirmed.status =
 * 'unconfirmed'` with its default and a note saying what is unknown (see shared/docs/domain-vn.md).
 */
import { z } from 'zod';

type Label = { vi: string; en: string };

// lĩnh vực
export const PROCEDURE_DOMAINS = [
  'ho_tich',
  'chung_thuc',
  'cu_tru',
  'ho_kinh_doanh',
  'bao_tro_xa_hoi',
  'nguoi_co_cong',
  'dat_dai',
  'xay_dung',
  'moi_truong',
  'nong_nghiep',
  'giao_duc',
  'y_te',
  'van_hoa',
  'khac',
] as const;
export const ProcedureDomain = z.enum(PROCEDURE_DOMAINS);
export type ProcedureDomain = z.infer<typeof ProcedureDomain>;

/**
 * The areas of the commune's task assignment (phân công nhiệm vụ, common/api/org.ts STANDARD_AREAS) that handle a
 * procedure domain, most specific first: "who is in charge of this dossier" reads the first one the commune's
 * announcement has.
 */
export const DOMAIN_AREAS: Readonly<Record<ProcedureDomain, readonly string[]>> = Object.freeze({
  ho_tich: ['tu_phap_ho_tich'],
  chung_thuc: ['chung_thuc', 'tu_phap_ho_tich'],
  cu_tru: ['quoc_phong_an_ninh'],
  ho_kinh_doanh: ['kinh_te_ngan_sach'],
  bao_tro_xa_hoi: ['lao_dong_tbxh', 'van_hoa_xa_hoi'],
  nguoi_co_cong: ['lao_dong_tbxh', 'van_hoa_xa_hoi'],
  dat_dai: ['dia_chinh_xay_dung'],
  xay_dung: ['dia_chinh_xay_dung', 'do_thi_ha_tang'],
  moi_truong: ['nong_nghiep_moi_truong', 'dia_chinh_xay_dung'],
  nong_nghiep: ['nong_nghiep_moi_truong', 'kinh_te_ngan_sach'],
  giao_duc: ['giao_duc_y_te', 'van_hoa_xa_hoi'],
  y_te: ['giao_duc_y_te', 'van_hoa_xa_hoi'],
  van_hoa: ['van_hoa_xa_hoi'],
  khac: ['van_phong_tong_hop'],
});

export const PROCEDURE_DOMAIN_LABELS: Readonly<Record<ProcedureDomain, Label>> = Object.freeze({
  ho_tich: { vi: 'Hộ tịch', en: 'Civil status' },
  chung_thuc: { vi: 'Chứng thực', en: 'Certification' },
  cu_tru: { vi: 'Cư trú', en: 'Residence' },
  ho_kinh_doanh: { vi: 'Hộ kinh doanh', en: 'Household business' },
  bao_tro_xa_hoi: { vi: 'Bảo trợ xã hội', en: 'Social protection' },
  nguoi_co_cong: { vi: 'Người có công', en: 'People with merit' },
  dat_dai: { vi: 'Đất đai', en: 'Land' },
  xay_dung: { vi: 'Xây dựng', en: 'Construction' },
  moi_truong: { vi: 'Môi trường', en: 'Environment' },
  nong_nghiep: { vi: 'Nông nghiệp', en: 'Agriculture' },
  giao_duc: { vi: 'Giáo dục', en: 'Education' },
  y_te: { vi: 'Y tế', en: 'Health' },
  van_hoa: { vi: 'Văn hóa', en: 'Culture' },
  khac: { vi: 'Lĩnh vực khác', en: 'Other' },
});

/** Level of the competent authority; XãSố ships commune procedures only. */
export const ProcedureLevel = z.literal('commune');
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

// thời hạn giải quyết
export const TimeLimit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('same_day') }),
  z.object({ kind: z.literal('working_days'), days: z.number().int().min(1).max(365) }),
  z.object({ kind: z.literal('working_hours'), hours: z.number().int().min(1).max(2000) }),
]);
export type TimeLimit = z.infer<typeof TimeLimit>;

const Dong = z.number().int().nonnegative();

// phí, lệ phí
export const Fee = z.discriminatedUnion('kind', [
  /** `note`: the condition, e.g. "on-time registration; late registration pays the provincial fee". */
  z.object({ kind: z.literal('free'), note: z.string().min(1).optional() }),
  /** One amount per case; `onlineAmount` when filing online costs less. */
  z.object({ kind: z.literal('fixed'), amount: Dong, onlineAmount: Dong.optional() }),
  /**
   * Per page of the original: `first` đồng for each page before `fromPage`, `next` from `fromPage` on,
   * at most `max` per copy (chứng thực bản sao: 2,000 / 1,000 from page 3 / max 200,000 per copy).
   */
  z
    .object({
      kind: z.literal('per_page'),
      first: Dong,
      next: Dong,
      fromPage: z.number().int().min(2),
      max: Dong.optional(),
    })
    .refine((f) => f.max === undefined || f.max >= f.first, { message: 'max_below_first', path: ['max'] }),
  z.object({ kind: z.literal('per_copy'), amount: Dong }),
  /** Set by the provincial People's Council (HĐND tỉnh); the amount is configured per province. */
  z.object({ kind: z.literal('provincial'), note: z.string().min(1) }),
]);
export type Fee = z.infer<typeof Fee>;
export type FeeKind = Fee['kind'];

export const DOCUMENT_FORMS = ['original', 'copy', 'certified_copy', 'original_or_copy'] as const;
export const DocumentForm = z.enum(DOCUMENT_FORMS);
export type DocumentForm = z.infer<typeof DocumentForm>;
export const DOCUMENT_FORM_LABELS: Readonly<Record<DocumentForm, Label>> = Object.freeze({
  original: { vi: 'Bản chính', en: 'Original' },
  copy: { vi: 'Bản sao', en: 'Copy' },
  certified_copy: { vi: 'Bản sao có chứng thực', en: 'Certified copy' },
  original_or_copy: { vi: 'Bản chính hoặc bản sao', en: 'Original or copy' },
});

// thành phần hồ sơ
export const RequiredDocument = z.object({
  name: z.string().trim().min(2),
  form: DocumentForm,
  count: z.number().int().min(1).max(20),
  note: z.string().min(1).optional(),
});
export type RequiredDocument = z.infer<typeof RequiredDocument>;

export const HANDLER_ROLES = ['one_stop_officer', 'specialist', 'commune_leader', 'other_agency'] as const;
export const HandlerRole = z.enum(HANDLER_ROLES);
export type HandlerRole = z.infer<typeof HandlerRole>;
export const HANDLER_ROLE_LABELS: Readonly<Record<HandlerRole, Label>> = Object.freeze({
  one_stop_officer: { vi: 'Công chức Bộ phận một cửa', en: 'One-stop officer' },
  specialist: { vi: 'Công chức chuyên môn', en: 'Specialist' },
  commune_leader: { vi: 'Lãnh đạo UBND xã', en: 'Commune leader' },
  other_agency: { vi: 'Cơ quan khác', en: 'Other agency' },
});

/** Tolerance on the sum of the steps' shares of time. */
export const SHARE_TOLERANCE = 0.001;

// bước thực hiện (quy trình nội bộ)
export const ProcedureStep = z.object({
  name: z.string().trim().min(2),
  handlerRole: HandlerRole,
  /** The body or agency that handles the step, e.g. "Công an xã". */
  body: z.string().min(1).optional(),
  /** Fraction of the time limit given to this step; the shares of a procedure sum to 1. */
  shareOfTime: z.number().gt(0).max(1),
});
export type ProcedureStep = z.infer<typeof ProcedureStep>;

export const CONFIRMATION_STATUSES = ['confirmed', 'unconfirmed'] as const;
/** Whether the time limit and the fee are confirmed in a legal text, and from where. */
export const Confirmation = z
  .object({
    status: z.enum(CONFIRMATION_STATUSES),
    sources: z.array(z.string().min(1)).min(1),
    note: z.string().min(1).optional(),
  })
  .refine((c) => c.status === 'confirmed' || c.note !== undefined, {
    message: 'unconfirmed_needs_note',
    path: ['note'],
  });
export type Confirmation = z.infer<typeof Confirmation>;

/** The agency that handles a procedure outside the UBND's one-stop workflow, and what the citizen is told. */
export const OutsideWorkflow = z.object({
  agency: z.string().trim().min(2).max(200),
  note: z.string().trim().min(2).max(1000),
});
export type OutsideWorkflow = z.infer<typeof OutsideWorkflow>;

/** National procedure code on the national public-service portal, e.g. "1.001193". */
export const NationalCode = z.string().regex(/^\d\.\d{6}$/, { message: 'national_code' });

export const Procedure = z
  .object({
    nationalCode: NationalCode.optional(),
    name: z.string().trim().min(3).max(300),
    domain: ProcedureDomain,
    level: ProcedureLevel,
    legalBasis: z.array(z.string().min(1)).min(1),
    timeLimit: TimeLimit,
    /** E.g. "+5 ngày làm việc nếu cần xác minh". */
    timeLimitNote: z.string().min(1).optional(),
    fee: Fee,
    /** Who is exempt from the fee (miễn phí, lệ phí). */
    exemptions: z.string().min(1).optional(),
    requiredDocuments: z.array(RequiredDocument).min(1),
    resultDocument: z.string().min(2),
    /** Online public service "toàn trình": filed, processed and returned entirely online. */
    fullyOnline: z.boolean(),
    steps: z.array(ProcedureStep).min(1),
    confirmed: Confirmation,
    /**
     * Set when another agency, not the commune People's Committee, decides the procedure and receives its dossiers
     * (residence registration: the commune police, Luật Cư trú 2020). The catalogue lists it with this note so the
     * counter can direct the citizen; intake does not receive it into the UBND's one-stop workflow.
     */
    outsideWorkflow: OutsideWorkflow.optional(),
  })
  .superRefine((p, ctx) => {
    const sum = p.steps.reduce((s, step) => s + step.shareOfTime, 0);
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
      ctx.addIssue({ code: 'custom', message: 'shares_must_sum_to_1', path: ['steps'] });
    }
  });
export type Procedure = z.infer<typeof Procedure>;

/** Labels of the top-level fields, for the "what changed" view and import errors. */
export const PROCEDURE_FIELD_LABELS: Readonly<Record<keyof Procedure, Label>> = Object.freeze({
  nationalCode: { vi: 'Mã thủ tục', en: 'National code' },
  name: { vi: 'Tên thủ tục', en: 'Name' },
  domain: { vi: 'Lĩnh vực', en: 'Domain' },
  level: { vi: 'Cấp thực hiện', en: 'Level' },
  legalBasis: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  timeLimit: { vi: 'Thời hạn giải quyết', en: 'Time limit' },
  timeLimitNote: { vi: 'Ghi chú thời hạn', en: 'Time limit note' },
  fee: { vi: 'Phí, lệ phí', en: 'Fee' },
  exemptions: { vi: 'Đối tượng miễn phí, lệ phí', en: 'Fee exemptions' },
  requiredDocuments: { vi: 'Thành phần hồ sơ', en: 'Required documents' },
  resultDocument: { vi: 'Kết quả thực hiện', en: 'Result document' },
  fullyOnline: { vi: 'Dịch vụ công trực tuyến toàn trình', en: 'Fully online' },
  steps: { vi: 'Các bước thực hiện', en: 'Processing steps' },
  confirmed: { vi: 'Tình trạng xác nhận', en: 'Confirmation' },
  outsideWorkflow: {
    vi: 'Cơ quan giải quyết ngoài quy trình của UBND xã',
    en: 'Handled outside the commune UBND',
  },
});
