import type { CommuneTabProps } from '../CampaignPage';

/** Placeholder until its owner builds it. */
export function RecommendationsTab(_props: CommuneTabProps) {
  return null;
}
