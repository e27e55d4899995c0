import { useTranslation } from 'react-i18next';
import type { Fee, TimeLimit } from '../../../common/api/procedures';
import { formatMoney } from './format';

type Label = { vi: string; en: string };

/** A server label ({vi, en}) in the UI language. */
export function useLabel() {
  const { i18n } = useTranslation();
  return (label: Label) => (i18n.language === 'en' ? label.en : label.vi);
}

/** A procedure's fee in words ("50.000 đ", "Miễn phí" …). */
export function useFeeText() {
  const { t } = useTranslation();
  return (fee: Fee): string => {
    switch (fee.kind) {
      case 'free':
        return fee.note ? `${t('fee.free')} (${fee.note})` : t('fee.free');
      case 'fixed':
        return fee.onlineAmount === undefined
          ? t('fee.fixed', { amount: formatMoney(fee.amount) })
          : t('fee.fixedOnline', { amount: formatMoney(fee.amount), online: formatMoney(fee.onlineAmount) });
      case 'per_page':
        return t('fee.perPage', {
          first: formatMoney(fee.first),
          next: formatMoney(fee.next),
          fromPage: fee.fromPage,
        });
      case 'per_copy':
        return t('fee.perCopy', { amount: formatMoney(fee.amount) });
      case 'provincial':
        return fee.note;
    }
  };
}

export function useTimeLimitText() {
  const { t } = useTranslation();
  return (limit: TimeLimit): string => {
    switch (limit.kind) {
      case 'same_day':
        return t('timeLimit.same_day');
      case 'working_days':
        return t('timeLimit.working_days', { days: limit.days });
      case 'working_hours':
        return t('timeLimit.working_hours', { hours: limit.hours });
    }
  };
}
