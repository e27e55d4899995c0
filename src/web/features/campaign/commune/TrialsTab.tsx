import type { CommuneTabProps } from '../CampaignPage';

/** Placeholder until its owner builds it. */
export function TrialsTab(_props: CommuneTabProps) {
  return null;
}
