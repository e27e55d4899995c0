import type { CommuneTabProps } from './CampaignPage';
import type { ProvinceTabProps } from './ProvinceCampaignPage';

/** Placeholder until its owner builds it. */
export function CommuneLessonsTab(_props: CommuneTabProps) {
  return null;
}

export function ProvinceLessonsTab(_props: ProvinceTabProps) {
  return null;
}
