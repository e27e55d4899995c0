import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FeedbackState, FeedbackSummary } from '../../../../common/api/feedback';
import { ROLE_PERMISSIONS } from '../../../../common/permissions';
import { type SessionUser, useSession } from '../../auth/session';
import { holdsIn } from '../../workspace/access';

export const STATE_COLOR: Record<FeedbackState, string> = {
  received: 'blue',
  accepted: 'cyan',
  rejected: 'gray',
  assigned: 'indigo',
  answer_pending: 'grape',
  answered: 'teal',
  closed: 'green',
  reopened: 'orange',
  split: 'violet',
  merged: 'gray',
  escalated: 'red',
};

export const TIMELINESS_COLOR: Record<FeedbackSummary['timeliness'], string> = {
  on_time: 'green',
  due_soon: 'yellow',
  overdue: 'red',
  done: 'gray',
};

/** A badge's whole label, never cut to "Mới ti…" in a narrow table column. */
const FULL_LABEL = { label: { overflow: 'visible' } } as const;

export function StateBadge({ state }: { state: FeedbackState }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATE_COLOR[state]}
      variant="light"
      style={{ flexShrink: 0 }}
      styles={FULL_LABEL}
      data-testid="feedback-state"
      data-state={state}
    >
      {t(`feedbackStaff.state.${state}`)}
    </Badge>
  );
}

/** Overdue / due soon, and the escalation level (1: the commune leader warned; 2: the province). */
export function RiskBadges({ r }: { r: Pick<FeedbackSummary, 'timeliness' | 'escalationLevel'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      {(r.timeliness === 'overdue' || r.timeliness === 'due_soon') && (
        <Badge
          color={TIMELINESS_COLOR[r.timeliness]}
          variant="filled"
          styles={FULL_LABEL}
          data-testid="timeliness-badge"
        >
          {t(`feedbackStaff.timeliness.${r.timeliness}`)}
        </Badge>
      )}
      {r.escalationLevel > 0 && (
        <Badge color="red" variant="outline" styles={FULL_LABEL} data-testid="escalation-badge">
          {t(r.escalationLevel >= 2 ? 'feedbackStaff.escalated.province' : 'feedbackStaff.escalated.leader')}
        </Badge>
      )}
    </Group>
  );
}

/** Stored text shown as text, its line breaks kept (never as HTML). */
export function PlainText({ text, testId }: { text: string; testId?: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={testId}>
      {text}
    </Text>
  );
}

export interface FeedbackRights {
  read: boolean;
  receive: boolean;
  handle: boolean;
  approve: boolean;
  province: boolean;
}

export function rightsIn(
  user: SessionUser | null | undefined,
  communeCode: string,
  provinceCode?: string,
): FeedbackRights {
  const has = (p: Parameters<typeof holdsIn>[1]) => holdsIn(user, p, communeCode, provinceCode);
  return {
    read: has('feedback.read'),
    receive: has('feedback.receive'),
    handle: has('feedback.handle'),
    approve: has('feedback.approve'),
    province: has('feedback.province'),
  };
}

export function useFeedbackRights(communeCode: string, provinceCode?: string): FeedbackRights {
  return rightsIn(useSession().data, communeCode, provinceCode);
}

/** The user holds the permission over the whole province (a province grant, or the system administrator). */
export function holdsInProvince(
  user: SessionUser | null | undefined,
  permission: Parameters<typeof holdsIn>[1],
  provinceCode: string,
): boolean {
  return (user?.roles ?? []).some(
    (g) =>
      ROLE_PERMISSIONS[g.role]?.includes(permission) &&
      (g.role === 'system_admin' || (!g.communeCode && g.provinceCode === provinceCode)),
  );
}
