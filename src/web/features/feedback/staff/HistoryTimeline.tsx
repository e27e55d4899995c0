import { Paper, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/datetime';
import type { FeedbackDetail } from '../staff-api';

type Entry = FeedbackDetail['actions'][number];

/** Lịch sử xử lý: each action, who took it, when, from which state to which, and what they wrote (as text). */
export function HistoryTimeline({ report: r }: { report: FeedbackDetail }) {
  const { t } = useTranslation();
  const actor = useActor();
  const title = useTitle();
  const entries = [...r.actions].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('feedbackStaff.detail.history')}
      </Title>
      <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2} data-testid="feedback-history">
        {entries.map((h) => (
          <Timeline.Item key={h.id} title={title(h)} data-testid="history-entry" data-action={h.action}>
            <Text size="sm">{actor(h)}</Text>
            <Text size="sm" c="dimmed">
              {formatDateTime(h.at)}
              {h.fromState && h.fromState !== h.toState
                ? ` · ${t('feedbackStaff.history.transition', {
                    from: t(`feedbackStaff.state.${h.fromState}`),
                    to: t(`feedbackStaff.state.${h.toState}`),
                  })}`
                : ''}
            </Text>
            {h.note && (
              <Text
                size="sm"
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                data-testid="history-note"
              >
                {h.note}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

/**
 * What happened. A forward is recorded in both communes' histories: the sending side names where it went, the
 * receiving side says where it came from, so the two entries do not read as the same step twice.
 */
function useTitle() {
  const { t } = useTranslation();
  return (h: Entry): string => {
    if (h.action === 'forward') {
      const d = h.data ?? {};
      if (d.received === true)
        return t('feedbackStaff.history.forwardReceived', { from: String(d.fromName ?? d.from ?? '') });
      if (typeof d.toName === 'string') return t('feedbackStaff.history.forwardTo', { name: d.toName });
    }
    // The reporter of a merged report who was not satisfied: which report they wrote.
    if (h.action === 'reopen' && typeof h.data?.byMergedReport === 'string')
      return t('feedbackStaff.history.reopenByMerged', { code: h.data.byMergedReport });
    return t(`feedbackStaff.action.${h.action}`);
  };
}

/** "Người phản ánh", "Hệ thống", or the official's (or connected system's) name. */
function useActor() {
  const { t } = useTranslation();
  return (h: Entry): string => {
    if (h.actorKind === 'reporter') return t('feedbackStaff.history.reporter');
    if (h.actorKind === 'system') return t('feedbackStaff.history.system');
    if (h.actorKind === 'api') return h.actorName ?? t('feedbackStaff.history.api');
    return h.actorName ?? t('feedbackStaff.history.official');
  };
}
