/**
 * Mức độ sẵn sàng của một xã (pure, no I/O): the weighted percent of the applicable checklist items that are done,
 * and the blockers that stop go-live.
 *
 * Rules (decided here, tested in readiness-rules.test.ts):
 * - An item is applicable unless the commune answered it "không áp dụng" (not_applicable); applicable items count
 *   towards the total with their weight. An item with auto_check is always applicable (its answer is the records').
 * - Done items give their whole weight; "đang thực hiện" (in_progress) gives nothing: readiness measures what is
 *   finished, not what is started — a half-done network is not half a network. Not started gives nothing.
 * - An auto-checked item is done exactly when its check passes today.
 * - percent = 100 × done weight / applicable weight, rounded to one decimal; 0 when no applicable weight (no
 *   published checklist proves nothing).
 * - Blockers: every blocker item not done (a blocker item cannot be answered not_applicable, so it always counts),
 *   and every open incident of high or critical severity.
 */

import type { AnswerStatus, AutoCheck } from '../../../common/api/campaign-readiness';

// The item groups, automatic checks and answer statuses are the API's (one list for the server and the web).
export type { AnswerStatus, AutoCheck, ItemGroup } from '../../../common/api/campaign-readiness';
export { ANSWER_STATUSES, AUTO_CHECKS, ITEM_GROUPS } from '../../../common/api/campaign-readiness';

export interface RuleItem {
  itemKey: string;
  title: string;
  weight: number;
  blocker: boolean;
  autoCheck: AutoCheck | null;
}

export interface AutoResult {
  ok: boolean;
  /** What the records say, in a sentence (shown beside the item). */
  detail: string;
}

export interface BlockingIncident {
  id: string;
  title: string;
  severity: string;
}

export interface Blocker {
  itemKey: string;
  title: string;
  reason: string;
}

export interface Readiness {
  percent: number;
  /** Applicable items done, and applicable items. */
  done: number;
  total: number;
  blockers: Blocker[];
}

/** The status an item has for the computation: the records' verdict for auto-checked items, else the answer. */
export function effectiveStatus(
  item: RuleItem,
  answers: ReadonlyMap<string, AnswerStatus>,
  auto: Partial<Record<AutoCheck, AutoResult>>,
): AnswerStatus {
  if (item.autoCheck) return auto[item.autoCheck]?.ok ? 'done' : 'not_started';
  const status = answers.get(item.itemKey) ?? 'not_started';
  if (item.blocker && status === 'not_applicable') return 'not_started';
  return status;
}

export function computeReadiness(
  items: readonly RuleItem[],
  answers: ReadonlyMap<string, AnswerStatus>,
  auto: Partial<Record<AutoCheck, AutoResult>>,
  incidents: readonly BlockingIncident[],
): Readiness {
  let weight = 0;
  let doneWeight = 0;
  let done = 0;
  let total = 0;
  const blockers: Blocker[] = [];
  for (const item of items) {
    const status = effectiveStatus(item, answers, auto);
    if (status === 'not_applicable') continue;
    total += 1;
    weight += item.weight;
    if (status === 'done') {
      done += 1;
      doneWeight += item.weight;
    } else if (item.blocker) {
      const reason = item.autoCheck
        ? `Kiểm tra tự động chưa đạt: ${auto[item.autoCheck]?.detail ?? 'chưa có dữ liệu'}`
        : status === 'in_progress'
          ? 'Điều kiện bắt buộc đang thực hiện, chưa hoàn thành'
          : 'Điều kiện bắt buộc chưa thực hiện';
      blockers.push({ itemKey: item.itemKey, title: item.title, reason });
    }
  }
  for (const incident of incidents)
    blockers.push({
      itemKey: `incident:${incident.id}`,
      title: incident.title,
      reason: `Sự cố mức ${incident.severity === 'critical' ? 'nghiêm trọng' : 'cao'} chưa khắc phục`,
    });
  const percent = weight > 0 ? Math.round((1000 * doneWeight) / weight) / 10 : 0;
  return { percent, done, total, blockers };
}
