/**
 * Fee calculation (phí, lệ phí) for a procedure. Pure; amounts are whole đồng.
 *
 * Per-page fees (chứng thực bản sao, Thông tư 226/2016/TT-BTC): pages are counted on the original (bản chính);
 * each page before `fromPage` costs `first`, each page from `fromPage` on costs `next`, and one copy costs at most
 * `max`; several copies cost that amount each.
 */
import type { Fee } from '../../../../common/api/procedures';
import { fieldError } from '../../../http/errors';

type Text = { vi: string; en: string };

export interface FeeOptions {
  /** Pages of the original, for per-page fees. */
  pages?: number;
  /** Number of copies, for per-page and per-copy fees (default 1). */
  copies?: number;
  /** The applicant belongs to an exempt group (miễn phí, lệ phí): nothing to pay. */
  exempt?: boolean;
  /** Filed online: a fixed fee with an `onlineAmount` uses it. */
  online?: boolean;
  /** The amount the province set, for fees set by the provincial People's Council (HĐND tỉnh). */
  provincialAmount?: number;
}

export interface FeeResult {
  /** Đồng to pay; null when the fee is set by the province and its amount was not given. */
  amount: number | null;
  explanation: Text;
}

/** "50.000 đ": Vietnamese thousands separator, a space, the đồng sign. */
export function formatDong(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`formatDong: not a whole amount: ${amount}`);
  const digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${digits} đ`;
}

function wholeNumber(field: string, value: number | undefined, fallback: number | undefined, min: number) {
  const v = value ?? fallback;
  if (v === undefined || !Number.isInteger(v) || v < min) {
    throw fieldError(
      field,
      'Giá trị "{f}" phải là số nguyên ≥ {min}.',
      'The value of "{f}" must be a whole number ≥ {min}.',
      { f: field, min },
    );
  }
  return v;
}

/** Amount for one copy of an original of `pages` pages under a per-page fee, before the cap. */
function perPageUncapped(fee: Extract<Fee, { kind: 'per_page' }>, pages: number): number {
  const firstPages = Math.min(pages, fee.fromPage - 1);
  return firstPages * fee.first + (pages - firstPages) * fee.next;
}

export function computeFee(fee: Fee, options: FeeOptions = {}): FeeResult {
  if (options.exempt) {
    return {
      amount: 0,
      explanation: {
        vi: 'Thuộc đối tượng được miễn phí, lệ phí: 0 đ.',
        en: 'The applicant is exempt from the fee: 0 đ.',
      },
    };
  }
  switch (fee.kind) {
    case 'free':
      return {
        amount: 0,
        explanation: { vi: 'Không thu phí, lệ phí.', en: 'No fee.' },
      };
    case 'fixed': {
      const online = options.online === true && fee.onlineAmount !== undefined;
      const amount = online ? fee.onlineAmount! : fee.amount;
      return {
        amount,
        explanation: online
          ? { vi: `Nộp trực tuyến: ${formatDong(amount)}.`, en: `Filed online: ${formatDong(amount)}.` }
          : { vi: `Mức thu: ${formatDong(amount)}.`, en: `Fee: ${formatDong(amount)}.` },
      };
    }
    case 'per_copy': {
      const copies = wholeNumber('copies', options.copies, 1, 1);
      const amount = fee.amount * copies;
      return {
        amount,
        explanation: {
          vi: `${formatDong(fee.amount)}/bản × ${copies} bản = ${formatDong(amount)}.`,
          en: `${formatDong(fee.amount)} per copy × ${copies} = ${formatDong(amount)}.`,
        },
      };
    }
    case 'per_page': {
      const pages = wholeNumber('pages', options.pages, undefined, 1);
      const copies = wholeNumber('copies', options.copies, 1, 1);
      const uncapped = perPageUncapped(fee, pages);
      const capped = fee.max !== undefined && uncapped > fee.max;
      const perCopy = capped ? fee.max! : uncapped;
      const amount = perCopy * copies;
      const firstPages = Math.min(pages, fee.fromPage - 1);
      const rest = pages - firstPages;
      const vi =
        `${firstPages} trang × ${formatDong(fee.first)}` +
        (rest > 0 ? ` + ${rest} trang × ${formatDong(fee.next)}` : '') +
        ` = ${formatDong(uncapped)}/bản` +
        (capped ? `, tối đa ${formatDong(fee.max!)}/bản` : '') +
        `; × ${copies} bản = ${formatDong(amount)}.`;
      const en =
        `${firstPages} page(s) × ${formatDong(fee.first)}` +
        (rest > 0 ? ` + ${rest} page(s) × ${formatDong(fee.next)}` : '') +
        ` = ${formatDong(uncapped)} per copy` +
        (capped ? `, capped at ${formatDong(fee.max!)} per copy` : '') +
        `; × ${copies} = ${formatDong(amount)}.`;
      return { amount, explanation: { vi, en } };
    }
    case 'provincial': {
      if (options.provincialAmount === undefined) {
        return {
          amount: null,
          explanation: {
            vi: `Mức thu do HĐND tỉnh quy định, chưa được cấu hình. ${fee.note}`,
            en: `Set by the provincial People's Council; not configured yet. ${fee.note}`,
          },
        };
      }
      const amount = wholeNumber('provincialAmount', options.provincialAmount, undefined, 0);
      return {
        amount,
        explanation: {
          vi: `Mức thu theo quy định của HĐND tỉnh: ${formatDong(amount)}.`,
          en: `Fee set by the provincial People's Council: ${formatDong(amount)}.`,
        },
      };
    }
  }
}
