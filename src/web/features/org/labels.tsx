import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OfficialStatus } from './api';

export const OFFICIAL_STATUSES: OfficialStatus[] = ['active', 'transferred', 'retired'];
const STATUS_COLORS = { active: 'teal', transferred: 'orange', retired: 'gray' } as const;

/** Đang công tác / Đã chuyển công tác / Đã nghỉ hưu. */
export function OfficialStatusBadge({ status }: { status: OfficialStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" w="max-content">
      {t(`official.status.${status}`)}
    </Badge>
  );
}
