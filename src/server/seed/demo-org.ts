/**
 * Demo organisation (demo mode only): the Hà Tĩnh communes of the trial operation of 20 June 2025, activated
 * from the template, each with a dozen fictional officials (former units from the real map) and, for Trần Phú
 * and Sông Trí, an issued task assignment announcement. Idempotent: a commune that already has officials or
 * an announcement is left as it is. Communes missing from the map (no map imported) are skipped. All is written
 * in bulk, in one transaction (org/seed-bulk.ts, for a fast first start).
 */
import { inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { WriteContext } from '../db/transaction';
import { orgAnnouncements, orgOfficials } from '../modules/org/schema';
import {
  type SeedAnnouncement,
  type SeedCommuneStaff,
  type SeedOfficial,
  writeCommuneStaff,
} from '../modules/org/seed-bulk';
import { findCommuneLocation, getCommune } from '../modules/units/service';

/** Trần Phú, Sông Trí, Hương Khê, Vũ Quang, Tiên Điền, Đức Thọ, Thạch Hà, Cẩm Xuyên, Can Lộc, Kỳ Anh. */
export const TRIAL_COMMUNES = [
  '18100',
  '18754',
  '18496',
  '18313',
  '18373',
  '18229',
  '18562',
  '18673',
  '18406',
  '18775',
];
const WITH_ANNOUNCEMENT = ['18100', '18754'];
const TRIAL_DAY = '2025-06-20';

/** Fictional people: family, middle and given names combined by position, never a real person's record. */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const GIVEN_M = ['An', 'Bảo', 'Cường', 'Dũng', 'Hải', 'Khánh', 'Long', 'Minh', 'Nam', 'Phúc', 'Quang', 'Sơn'];
const GIVEN_F = ['Anh', 'Bình', 'Chi', 'Dung', 'Hà', 'Hoa', 'Lan', 'Mai', 'Ngọc', 'Phương', 'Thảo', 'Yến'];

/** [template key of the body, title] of each fictional official, in the order the announcement uses them. */
const ROSTER: [string, string][] = [
  ['ubnd', 'Chủ tịch UBND'],
  ['ubnd', 'Phó Chủ tịch UBND'],
  ['ubnd', 'Phó Chủ tịch UBND'],
  ['van_phong', 'Chánh Văn phòng'],
  ['ttpvhcc', 'Giám đốc'],
  ['van_phong', 'Công chức tư pháp - hộ tịch'],
  ['phong_kinh_te', 'Công chức địa chính - xây dựng'],
  ['phong_kinh_te', 'Trưởng phòng'],
  ['phong_vhxh', 'Trưởng phòng'],
  ['ttpvhcc', 'Viên chức tiếp nhận và trả kết quả'],
  ['hdnd_tt', 'Chủ tịch HĐND'],
  ['mttq', 'Chủ tịch Ủy ban MTTQ'],
];
/** Concurrent positions: the chair is also deputy party secretary, the council chair the party secretary. */
const ALSO: Record<number, [string, string]> = {
  0: ['dang_uy_tt', 'Phó Bí thư Đảng ủy'],
  10: ['dang_uy_tt', 'Bí thư Đảng ủy'],
};

/** The fictional officials of a commune (the `seed`-th trial commune), each with their positions from ROSTER. */
function rosterOf(
  communeCode: string,
  units: readonly { code: string; name: string; districtName: string }[],
  seed: number,
): SeedOfficial[] {
  return ROSTER.map(([bodyKey, title], i): SeedOfficial => {
    const female = (i + seed) % 3 === 1;
    const given = (female ? GIVEN_F : GIVEN_M)[(i * 5 + seed) % 12]!;
    const fullName = `${FAMILY[(i + seed * 7) % FAMILY.length]} ${female ? 'Thị' : 'Văn'} ${given}`;
    const unit = units.length && i % 4 !== 3 ? units[(i + seed) % units.length]! : null;
    return {
      id: uuidv7(),
      fullName,
      dateOfBirth: `${1968 + ((i * 3 + seed) % 27)}-${String(1 + ((i + seed) % 12)).padStart(2, '0')}-${String(1 + ((i * 7 + seed) % 28)).padStart(2, '0')}`,
      gender: female ? 'female' : 'male',
      phone: null,
      email: `demo.${communeCode}.${i + 1}@example.com`,
      formerUnitCode: unit?.code ?? null,
      formerUnitName: unit?.name ?? null,
      formerDistrictName: unit ? null : (units[0]?.districtName ?? null),
      positions: [[bodyKey, title], ...(ALSO[i] ? [ALSO[i]] : [])].map(([key, t]) => ({
        bodyKey: key!,
        title: t!,
        startDate: TRIAL_DAY,
      })),
    };
  });
}

/** The commune's task assignment announcement of the trial day among its demo officials (ROSTER order), issued. */
function announcementOf(ids: string[]): SeedAnnouncement {
  const [chair, viceEconomy, viceSocial, office, center, justice, land, , culture, clerk] = ids as [
    string,
    ...string[],
  ];
  const draft = {
    preamble:
      'Căn cứ Luật Tổ chức chính quyền địa phương năm 2025; để bảo đảm vận hành thử nghiệm mô hình chính quyền địa phương hai cấp, Ủy ban nhân dân thông báo phân công nhiệm vụ như sau:',
    items: [
      {
        areaCode: 'chi_dao_chung',
        inChargeId: chair,
        deputyId: null,
        duties: 'Lãnh đạo, điều hành chung; quốc phòng - an ninh.',
      },
      {
        areaCode: 'kinh_te_ngan_sach',
        inChargeId: viceEconomy!,
        deputyId: land!,
        duties: 'Kinh tế, ngân sách, đầu tư.',
      },
      {
        areaCode: 'van_hoa_xa_hoi',
        inChargeId: viceSocial!,
        deputyId: culture!,
        duties: 'Giáo dục, y tế, văn hóa, an sinh xã hội.',
      },
      {
        areaCode: 'tu_phap_ho_tich',
        inChargeId: justice!,
        deputyId: office!,
        duties: 'Đăng ký hộ tịch, chứng thực.',
      },
      {
        areaCode: 'dia_chinh_xay_dung',
        inChargeId: land!,
        deputyId: viceEconomy!,
        duties: 'Đất đai, xây dựng, trật tự đô thị.',
      },
      {
        areaCode: 'mot_cua',
        inChargeId: center!,
        deputyId: clerk!,
        duties: 'Tiếp nhận, trả kết quả thủ tục hành chính.',
      },
      {
        areaCode: 'van_phong_tong_hop',
        inChargeId: office!,
        deputyId: null,
        duties: 'Tổng hợp, văn thư, lưu trữ.',
      },
    ],
  };
  return { draft, issue: { number: '05/TB-UBND', issuedOn: TRIAL_DAY, signerId: chair }, today: TRIAL_DAY };
}

/**
 * How the demo's organisations are written (tests compare the bulk writer with the use cases: activateCommune, one
 * official at a time, createDraft and issueAnnouncement).
 */
export type DemoStaffWriter = (ctx: WriteContext, communes: readonly SeedCommuneStaff[]) => Promise<void>;

/** In bulk: all the communes' activations, officials and announcements in one transaction. */
export const writeDemoStaff: DemoStaffWriter = (ctx, communes) => writeCommuneStaff(ctx, communes, 'demo');

export async function seedDemoOrg(
  ctx: WriteContext,
  log: (msg: string) => void = () => {},
  writeStaff: DemoStaffWriter = writeDemoStaff,
): Promise<{ created: number }> {
  const mapped = [];
  for (const [n, code] of TRIAL_COMMUNES.entries())
    if (await findCommuneLocation(ctx.db, code)) mapped.push([n, code] as const);
  // A commune that already has officials is left as it is.
  const staffed = new Set(
    mapped.length
      ? (
          await ctx.db
            .selectDistinct({ code: orgOfficials.communeCode })
            .from(orgOfficials)
            .where(
              inArray(
                orgOfficials.communeCode,
                mapped.map(([, code]) => code),
              ),
            )
        ).map((r) => r.code)
      : [],
  );
  // The announcement only where the commune has none (current, draft or past).
  const announced = new Set(
    (
      await ctx.db
        .selectDistinct({ code: orgAnnouncements.communeCode })
        .from(orgAnnouncements)
        .where(inArray(orgAnnouncements.communeCode, WITH_ANNOUNCEMENT))
    ).map((r) => r.code),
  );
  const staff: SeedCommuneStaff[] = [];
  for (const [n, code] of mapped) {
    if (staffed.has(code)) continue;
    const commune = await getCommune(ctx.db, code);
    const officials = rosterOf(code, commune.formerUnits, n);
    const announcement =
      WITH_ANNOUNCEMENT.includes(code) && !announced.has(code)
        ? announcementOf(officials.map((o) => o.id))
        : undefined;
    staff.push({ commune, activatedOn: TRIAL_DAY, officials, ...(announcement ? { announcement } : {}) });
  }
  await writeStaff(ctx, staff);
  let created = 0;
  for (const { commune, officials, announcement } of staff) {
    created += officials.length + (announcement ? 1 : 0);
    log(`Tổ chức bộ máy và ${officials.length} cán bộ (giả định) của ${commune.code}.`);
  }
  return { created };
}
