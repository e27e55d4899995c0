import type { CommuneTabProps } from '../CampaignPage';

/** Placeholder until its owner builds it. */
export function RehearsalModeTab(_props: CommuneTabProps) {
  return null;
}
