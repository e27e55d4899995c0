/**
 * Issue 9 §4: where the law moved since the catalogue was first shipped. Each correction takes its new facts from
 * the shipped (corrected) entry, so the two cannot disagree; see ../domain/corrections.ts for how they are applied.
 */
import type { Procedure } from '../../../../common/api/procedures';
import { type CatalogueCorrection, withoutDocuments, withSources } from '../domain/corrections';
import { CATALOGUE } from './catalogue';
import { LAW, SOURCE } from './common';

function shipped(code: string): Procedure {
  const p = CATALOGUE.find((x) => x.nationalCode === code);
  if (!p) throw new Error(`catalogue has no procedure ${code}`);
  return p;
}

/** Decree 01/2021 as the catalogue cited it before Decree 168/2025 replaced it. */
const OLD_BUSINESS_DECREE = /Nghị định số 01\/2021\/NĐ-CP/;

export const CATALOGUE_CORRECTIONS: readonly CatalogueCorrection[] = [
  {
    key: 'nd07-2025-khai-sinh',
    code: '1.001193',
    reason: 'đăng ký khai sinh không yêu cầu Giấy chứng nhận kết hôn của cha, mẹ (Nghị định 07/2025/NĐ-CP)',
    apply: (p) => {
      const next = withoutDocuments(p, /giấy chứng nhận kết hôn/i);
      if (next === p) return p;
      const s = shipped('1.001193');
      return withSources(
        {
          ...next,
          legalBasis: union(next.legalBasis, [LAW.civilStatusAmendment]),
          confirmed: { ...next.confirmed, note: s.confirmed.note },
        },
        [SOURCE.decree07Birth],
      );
    },
  },
  {
    key: 'nd07-2025-ket-hon',
    code: '1.000894',
    reason: 'đăng ký kết hôn không yêu cầu Giấy xác nhận tình trạng hôn nhân (Nghị định 07/2025/NĐ-CP)',
    apply: (p) => {
      const next = withoutDocuments(p, /xác nhận tình trạng hôn nhân/i);
      if (next === p) return p;
      const s = shipped('1.000894');
      return withSources(
        {
          ...next,
          legalBasis: union(next.legalBasis, [LAW.civilStatusAmendment]),
          confirmed: { ...next.confirmed, note: s.confirmed.note },
        },
        [SOURCE.decree07Marriage],
      );
    },
  },
  {
    key: 'cham-dut-giam-ho-mien-phi',
    code: '1.004845',
    reason: 'chấm dứt giám hộ tại cấp xã miễn lệ phí',
    apply: (p) =>
      p.fee.kind === 'free'
        ? p
        : withSources({ ...p, fee: shipped('1.004845').fee }, [SOURCE.guardianshipEndFree]),
  },
  {
    key: 'sua-loi-hop-dong-trong-ngay',
    code: '2.000927',
    reason:
      'sửa lỗi sai sót trong hợp đồng đã chứng thực: trong ngày, sau 15 giờ trả ngày làm việc tiếp theo (Nghị định 23/2015/NĐ-CP, Điều 7)',
    apply: (p) => {
      if (p.timeLimit.kind === 'same_day') return p;
      const s = shipped('2.000927');
      return withSources(
        {
          ...p,
          timeLimit: s.timeLimit,
          timeLimitNote: s.timeLimitNote,
          confirmed: { ...p.confirmed, status: 'confirmed', note: s.confirmed.note },
        },
        [SOURCE.certificationSameDay],
      );
    },
  },
  {
    key: 'nd168-2025-ho-kinh-doanh',
    code: '1.001612',
    reason: 'đăng ký hộ kinh doanh theo Nghị định 168/2025/NĐ-CP (thay Nghị định 01/2021/NĐ-CP từ 01/7/2025)',
    apply: (p) => {
      if (!p.legalBasis.some((l) => OLD_BUSINESS_DECREE.test(l))) return p;
      const s = shipped('1.001612');
      return withSources(
        {
          ...p,
          legalBasis: p.legalBasis.map((l) => (OLD_BUSINESS_DECREE.test(l) ? LAW.business : l)),
          confirmed: {
            ...p.confirmed,
            sources: p.confirmed.sources.filter((x) => x !== 'Nghị định 01/2021/NĐ-CP'),
            note: s.confirmed.note,
          },
        },
        [SOURCE.decree168],
      );
    },
  },
  ...(['1.004222', '1.004194'] as const).map(
    (code): CatalogueCorrection => ({
      key: 'cu-tru-cong-an-xa',
      code,
      reason:
        'đăng ký cư trú do Công an xã tiếp nhận và giải quyết, không thuộc quy trình một cửa của UBND xã (Luật Cư trú 2020)',
      apply: (p) =>
        p.outsideWorkflow
          ? p
          : withSources({ ...p, outsideWorkflow: shipped(code).outsideWorkflow }, [SOURCE.residencePolice]),
    }),
  ),
];

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...a, ...b.filter((x) => !a.includes(x))];
}
