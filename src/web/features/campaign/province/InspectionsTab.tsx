import type { ProvinceTabProps } from '../ProvinceCampaignPage';

/** Placeholder until its owner builds it. */
export function InspectionsTab(_props: ProvinceTabProps) {
  return null;
}
