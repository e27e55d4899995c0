import type { ProvinceTabProps } from '../ProvinceCampaignPage';

/** Placeholder until its owner builds it. */
export function RecommendationsInbox(_props: ProvinceTabProps) {
  return null;
}
