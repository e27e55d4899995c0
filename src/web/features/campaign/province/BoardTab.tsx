import type { ProvinceTabProps } from '../ProvinceCampaignPage';

/** Placeholder until its owner builds it. */
export function BoardTab(_props: ProvinceTabProps) {
  return null;
}
