import type { ProvinceTabProps } from '../ProvinceCampaignPage';

/** Placeholder until its owner builds it. */
export function TemplatesTab(_props: ProvinceTabProps) {
  return null;
}
