import type { CommuneTabProps } from '../CampaignPage';

/** Placeholder until its owner builds it. */
export function IncidentsTab(_props: CommuneTabProps) {
  return null;
}
