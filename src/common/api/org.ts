/** API shapes of the commune's organisation: bodies, officials, positions, task assignment (server and web). */
import { z } from 'zod';
import { IsoDate } from './calendar';

export const BodyCategory = z.enum([
  'party',
  'council',
  'government',
  'specialised',
  'service_center',
  'front',
  'mass_organisation',
  'group',
]);

export const Body = z.object({
  id: z.string(),
  communeCode: z.string(),
  parentId: z.string().nullable(),
  templateKey: z.string().nullable(),
  category: BodyCategory,
  name: z.string(),
  shortName: z.string().nullable(),
  sortOrder: z.number().int(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  /** Depth in the tree (0 = top level); lists come in tree order, parents before children. */
  depth: z.number().int(),
  suggestedTitles: z.array(z.string()),
});
export type Body = z.infer<typeof Body>;

export const ActivationResult = z.object({
  communeCode: z.string(),
  kind: z.string(),
  activatedOn: z.string(),
  /** Bodies created by this call (0 when the commune was already active). */
  created: z.number().int(),
  bodies: z.array(Body),
});

export const Gender = z.enum(['male', 'female']);
export const OfficialStatus = z.enum(['active', 'transferred', 'retired']);

export const Position = z.object({
  id: z.string(),
  officialId: z.string(),
  bodyId: z.string(),
  bodyName: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** Held today (Asia/Ho_Chi_Minh). */
  current: z.boolean(),
});
export type Position = z.infer<typeof Position>;

export const Official = z.object({
  id: z.string(),
  communeCode: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  gender: Gender,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  formerUnit: z.object({ code: z.string(), name: z.string().nullable() }).nullable(),
  formerDistrictName: z.string().nullable(),
  status: OfficialStatus,
  positions: z.array(Position),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Official = z.infer<typeof Official>;

/** A Vietnamese phone number as written; the server keeps the digits (10, or 11 for a landline). */
export const PhoneInput = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.\-()]/g, '').replace(/^\+84/, '0'))
  .pipe(z.string().regex(/^(0[35789]\d{8}|02\d{9})$/, { message: 'phone' }));

const officialFields = {
  fullName: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .regex(/^[\p{L}][\p{L}\s'.-]*$/u, { message: 'person_name' }),
  dateOfBirth: IsoDate,
  gender: Gender,
  phone: PhoneInput.nullable(),
  email: z.string().trim().toLowerCase().email().max(200).nullable(),
  /** A former commune (code of the map's former units) … */
  formerUnitCode: z
    .string()
    .regex(/^(\d{5}|~[0-9a-f]{8})$/, { message: 'former_unit_code' })
    .nullable(),
  /** … or the abolished district it came from ("Huyện Kỳ Anh"); at most one of the two. */
  formerDistrictName: z.string().trim().min(3).max(100).nullable(),
};

export const OfficialInput = z.object({
  ...officialFields,
  phone: officialFields.phone.default(null),
  email: officialFields.email.default(null),
  formerUnitCode: officialFields.formerUnitCode.default(null),
  formerDistrictName: officialFields.formerDistrictName.default(null),
});

/** Only the fields sent change; leaving (transferred, retired) ends every open position on `statusDate`. */
export const OfficialPatch = z
  .object(officialFields)
  .partial()
  .extend({ status: OfficialStatus.optional(), statusDate: IsoDate.optional() });

export const PositionInput = z.object({
  bodyId: z.string().uuid(),
  title: z.string().trim().min(2).max(200),
  startDate: IsoDate,
  endDate: IsoDate.nullable().default(null),
});

export const ImportRequest = z.object({
  /** The file's name; its extension (.csv or .xlsx) tells the format unless `format` is given. */
  filename: z.string().trim().min(1).max(255),
  format: z.enum(['csv', 'xlsx']).optional(),
  /** The file, base64-encoded (at most 2 MiB once decoded). */
  contentBase64: z.string().min(1).max(2_900_000),
  /** Check only: report what would be imported, change nothing. */
  dryRun: z.boolean().default(false),
});

export const LocalizedText = z.object({ vi: z.string(), en: z.string() });

export const ImportReport = z.object({
  format: z.enum(['csv', 'xlsx']),
  dryRun: z.boolean(),
  valid: z.boolean(),
  imported: z.boolean(),
  rows: z.number().int(),
  officialsCreated: z.number().int(),
  officialsExisting: z.number().int(),
  positionsCreated: z.number().int(),
  errors: z.array(
    z.object({ row: z.number().int(), column: z.string(), field: z.string(), message: LocalizedText }),
  ),
  people: z.array(
    z.object({
      rows: z.array(z.number().int()),
      fullName: z.string(),
      action: z.enum(['create', 'existing']),
      officialId: z.string().nullable(),
    }),
  ),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Lĩnh vực: the usual areas of a commune UBND; procedure domains and others use their own codes. */
export const STANDARD_AREAS: { code: string; label: string }[] = [
  { code: 'chi_dao_chung', label: 'Lãnh đạo, chỉ đạo chung' },
  { code: 'kinh_te_ngan_sach', label: 'Kinh tế - ngân sách, tài chính' },
  { code: 'van_hoa_xa_hoi', label: 'Văn hóa - xã hội' },
  { code: 'tu_phap_ho_tich', label: 'Tư pháp - hộ tịch' },
  { code: 'chung_thuc', label: 'Chứng thực' },
  { code: 'dia_chinh_xay_dung', label: 'Địa chính - xây dựng' },
  { code: 'nong_nghiep_moi_truong', label: 'Nông nghiệp - môi trường' },
  { code: 'do_thi_ha_tang', label: 'Đô thị, hạ tầng, giao thông' },
  { code: 'giao_duc_y_te', label: 'Giáo dục, y tế' },
  { code: 'lao_dong_tbxh', label: 'Lao động, người có công, bảo trợ xã hội' },
  { code: 'noi_vu_thi_dua', label: 'Nội vụ, thi đua - khen thưởng' },
  { code: 'van_phong_tong_hop', label: 'Văn phòng - tổng hợp' },
  { code: 'mot_cua', label: 'Tiếp nhận, trả kết quả (một cửa)' },
  { code: 'quoc_phong_an_ninh', label: 'Quân sự, quốc phòng - an ninh' },
  { code: 'tiep_cong_dan', label: 'Tiếp công dân, giải quyết khiếu nại, tố cáo' },
];

export const AreaCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_.:-]{1,59}$/, { message: 'area_code' });

export const AssignmentItemInput = z.object({
  areaCode: AreaCode,
  /** Defaults to the standard label of the code. */
  label: z.string().trim().min(2).max(200).optional(),
  inChargeId: z.string().uuid().nullable().default(null),
  deputyId: z.string().uuid().nullable().default(null),
  duties: z.string().trim().max(2000).default(''),
});

const PersonRef = z.object({ id: z.string(), fullName: z.string() }).nullable();

export const AssignmentItem = z.object({
  areaCode: z.string(),
  label: z.string(),
  inCharge: PersonRef,
  deputy: PersonRef,
  duties: z.string(),
});

export const AnnouncementStatus = z.enum(['draft', 'issued', 'superseded']);

export const Announcement = z.object({
  id: z.string(),
  communeCode: z.string(),
  version: z.number().int(),
  status: AnnouncementStatus,
  title: z.string(),
  preamble: z.string(),
  items: z.array(AssignmentItem),
  recipients: z.array(z.string()),
  number: z.string().nullable(),
  issuedOn: z.string().nullable(),
  signer: z.object({ id: z.string(), fullName: z.string(), title: z.string() }).nullable(),
  supersededById: z.string().nullable(),
  supersededOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Announcement = z.infer<typeof Announcement>;

export const AnnouncementSummary = Announcement.omit({
  items: true,
  preamble: true,
  recipients: true,
}).extend({
  itemCount: z.number().int(),
});

/** The number the issue form suggests (the next of the UBND's TB series for that year; taken only on issuing). */
export const SuggestedAnnouncementNumber = z.object({
  year: z.number().int(),
  seq: z.number().int(),
  number: z.string(),
});
export type SuggestedAnnouncementNumber = z.infer<typeof SuggestedAnnouncementNumber>;

export const WhoHandles = z.object({
  announcement: z.object({ id: z.string(), number: z.string().nullable(), issuedOn: z.string().nullable() }),
  matches: z.array(AssignmentItem),
});

export const WorkloadCounter = z.object({ key: z.string(), label: LocalizedText, value: z.number() });

export const Workload = z.object({
  announcementId: z.string().nullable(),
  items: z.array(
    z.object({
      official: z.object({ id: z.string(), fullName: z.string(), titles: z.array(z.string()) }),
      inCharge: z.array(z.object({ areaCode: z.string(), label: z.string() })),
      deputy: z.array(z.object({ areaCode: z.string(), label: z.string() })),
      counters: z.array(WorkloadCounter),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const OrgChartHolder = z.object({
  positionId: z.string(),
  officialId: z.string(),
  fullName: z.string(),
  title: z.string(),
  startDate: z.string(),
});

export const OrgChartNode = Body.extend({ holders: z.array(OrgChartHolder) });
