/**
 * Which work queue each state of a dossier belongs to (hàng đợi công việc): every open state is worked from one
 * queue by the role that takes its next step (lifecycle actions.ts), closed states are found through "all".
 * Pure data; the queues' SQL (queues.ts) and its tests read it.
 */
import type { DossierStatus } from './status';
import { FINAL_STATUSES, WAITING_STATUSES } from './status';

/** The queues one state at a time ("mine", "due soon" and "overdue" cut across them; "all" holds everything). */
export const STATE_QUEUES = {
  to_intake: ['submitted_online'], // bộ phận một cửa: tiếp nhận hoặc từ chối
  to_assign: ['received'], // một cửa, lãnh đạo: chuyển chuyên viên
  processing: ['assigned', 'in_processing'], // chuyên viên được giao
  waiting: [...WAITING_STATUSES], // công dân: bổ sung, nghĩa vụ tài chính
  to_approve: ['submitted_for_approval'], // lãnh đạo: phê duyệt, từ chối, trả lại
  to_finish: ['approved', 'rejected'], // chuyên viên hoặc một cửa: có kết quả
  to_return: ['result_ready'], // một cửa: trả kết quả
  closed: [...FINAL_STATUSES], // đã đóng: chỉ trong "tất cả"
} as const satisfies Record<string, readonly DossierStatus[]>;
export type StateQueue = keyof typeof STATE_QUEUES;

/** The states "mine" holds (with the caller as assignee). */
export const MINE_STATUSES: readonly DossierStatus[] = STATE_QUEUES.processing;

export function stateQueueOf(status: DossierStatus): StateQueue {
  for (const [queue, states] of Object.entries(STATE_QUEUES) as [StateQueue, readonly DossierStatus[]][])
    if (states.includes(status)) return queue;
  throw new Error(`No queue holds the state ${status}`);
}
