import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from '../../../common/api/meetings';

const COLOR: Record<MeetingStatus, string> = {
  draft: 'gray',
  invited: 'blue',
  in_progress: 'green',
  closed: 'dark',
  cancelled: 'red',
};

export function StatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLOR[status]}
      variant={status === 'in_progress' ? 'filled' : 'light'}
      data-testid="meeting-status"
      // Never clipped to "Đang chu…" in the meetings table: a badge's own width counts in the column's.
      style={{ minWidth: 'max-content' }}
    >
      {t(`meetings.status.${status}`)}
    </Badge>
  );
}
