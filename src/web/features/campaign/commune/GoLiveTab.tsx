import type { CommuneTabProps } from '../CampaignPage';

/** Placeholder until its owner builds it. */
export function GoLiveTab(_props: CommuneTabProps) {
  return null;
}
