import type { CommuneTabProps } from '../CampaignPage';

/** Placeholder until its owner builds it. */
export function ReadinessTab(_props: CommuneTabProps) {
  return null;
}
