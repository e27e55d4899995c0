/**
 * The internal states of a one-stop dossier (hồ sơ thủ tục hành chính) and the status codes 1–10 that
 * provincial systems exchange with the national public-service portal (domain-vn.md §3, Decree 118/2025).
 * Pure data.
 */

export const DOSSIER_STATUSES = [
  'submitted_online', // mới đăng ký trực tuyến, chờ kiểm tra tiếp nhận
  'received', // đã tiếp nhận
  'assigned', // đã chuyển chuyên viên xử lý
  'in_processing', // đang xử lý
  'supplement_requested', // chờ công dân bổ sung, hoàn thiện hồ sơ
  'awaiting_payment', // chờ thực hiện nghĩa vụ tài chính
  'submitted_for_approval', // trình lãnh đạo phê duyệt
  'approved', // đã phê duyệt
  'rejected', // từ chối giải quyết (có lý do)
  'result_ready', // đã có kết quả, chờ trả
  'returned', // đã trả kết quả
  'withdrawn', // công dân rút hồ sơ
  'transferred', // chuyển xã có thẩm quyền (phi địa giới)
  'refused', // từ chối tiếp nhận
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** Status codes of the national portal's dossier sync (domain-vn.md §3). */
export const NATIONAL_STATUS_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type NationalStatusCode = (typeof NATIONAL_STATUS_CODES)[number];

export interface Label {
  vi: string;
  en: string;
}

/** Names of the national codes. The English meaning is [C] (domain-vn.md §3); the Vietnamese wording is ours. */
export const NATIONAL_STATUS_LABELS: Readonly<Record<NationalStatusCode, Label>> = {
  1: { vi: 'Mới đăng ký trực tuyến', en: 'Newly registered online' },
  2: { vi: 'Đã tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Not received' },
  4: { vi: 'Đang xử lý', en: 'Processing' },
  5: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Financial obligation requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn at the applicant’s request' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processed' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/**
 * Internal state → national code. Every code 1–10 is reached by at least one state. The meanings of the codes as
 * provincial systems document them for the national portal's status sync (docs/national-status-codes.md): 8 "Dừng
 * xử lý" is the processor stopping a dossier that does not qualify; 9 "Đã xử lý xong" is the result handed over to
 * the one-stop counter; 10 "Đã trả kết quả" the result given to the applicant. Hence:
 * - a rejection on the merits after processing (`rejected`, từ chối giải quyết) is 8, not 9: the dossier was
 *   stopped for not qualifying; its written refusal then goes to the counter (`result_ready`, 9) and to the applicant
 *   (`returned`, 10) like any result;
 * - an approved dossier whose signed result has not reached the counter yet (`approved`) is still 4: "processed"
 *   (9) begins when the result is at the counter (`result_ready`);
 * - a transfer to the competent commune (`transferred`) is 8 for the receiving commune's record: processing stops
 *   there and the competent commune carries the dossier on under its own code (its own 2, 4 … 10). [U] No text we
 *   hold names a code for a phi-địa-giới transfer; 8 keeps it out of "processed" and "returned" counts.
 */
export const NATIONAL_STATUS_OF: Readonly<Record<DossierStatus, NationalStatusCode>> = {
  submitted_online: 1,
  received: 2,
  refused: 3,
  assigned: 4,
  in_processing: 4,
  submitted_for_approval: 4,
  approved: 4,
  supplement_requested: 5,
  awaiting_payment: 6,
  withdrawn: 7,
  transferred: 8,
  rejected: 8,
  result_ready: 9,
  returned: 10,
};

export const STATUS_LABELS: Readonly<Record<DossierStatus, Label>> = {
  submitted_online: { vi: 'Mới đăng ký trực tuyến, chờ tiếp nhận', en: 'Submitted online, awaiting intake' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  assigned: { vi: 'Đã chuyển chuyên viên xử lý', en: 'Assigned to a specialist' },
  in_processing: { vi: 'Đang xử lý', en: 'Being processed' },
  supplement_requested: {
    vi: 'Chờ công dân bổ sung hồ sơ',
    en: 'Waiting for the applicant’s supplement',
  },
  awaiting_payment: {
    vi: 'Chờ thực hiện nghĩa vụ tài chính',
    en: 'Waiting for payment of financial obligations',
  },
  submitted_for_approval: { vi: 'Đã trình lãnh đạo phê duyệt', en: 'Submitted for approval' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
  rejected: { vi: 'Từ chối giải quyết', en: 'Rejected' },
  result_ready: { vi: 'Đã có kết quả, chờ trả', en: 'Result ready to return' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  withdrawn: { vi: 'Đã rút hồ sơ theo yêu cầu', en: 'Withdrawn at the applicant’s request' },
  transferred: { vi: 'Đã chuyển xã có thẩm quyền', en: 'Transferred to the competent commune' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused at intake' },
};

/** States after which nothing more can happen to the dossier. */
export const FINAL_STATUSES: readonly DossierStatus[] = ['returned', 'withdrawn', 'transferred', 'refused'];

/** States in which the dossier waits for the applicant (the clock may stop). */
export const WAITING_STATUSES: readonly DossierStatus[] = ['supplement_requested', 'awaiting_payment'];

export function nationalStatusOf(status: DossierStatus): NationalStatusCode {
  return NATIONAL_STATUS_OF[status];
}

export function isFinal(status: DossierStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isDossierStatus(value: unknown): value is DossierStatus {
  return typeof value === 'string' && (DOSSIER_STATUSES as readonly string[]).includes(value);
}
