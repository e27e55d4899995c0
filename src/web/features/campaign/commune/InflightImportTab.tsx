import type { CommuneTabProps } from '../CampaignPage';

/** Placeholder until its owner builds it. */
export function InflightImportTab(_props: CommuneTabProps) {
  return null;
}
