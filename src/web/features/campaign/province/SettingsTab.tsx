import type { ProvinceTabProps } from '../ProvinceCampaignPage';

/** Placeholder until its owner builds it. */
export function SettingsTab(_props: ProvinceTabProps) {
  return null;
}
