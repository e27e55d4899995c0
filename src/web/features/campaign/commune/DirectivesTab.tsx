import type { CommuneTabProps } from '../CampaignPage';

/** Placeholder until its owner builds it. */
export function DirectivesTab(_props: CommuneTabProps) {
  return null;
}
