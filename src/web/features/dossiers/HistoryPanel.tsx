import { Anchor, Paper, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import { attachmentUrl, type DossierView } from './api';
import { useLabel } from './labels';

type Entry = DossierView['history'][number];

/**
 * Lịch sử xử lý: each step with who did it (name and position; "Công dân" for the applicant), when, from which
 * state to which, and what they wrote — the reason, the comment or opinion, the documents asked for, the new
 * appointment date, the file that went with it.
 */
export function HistoryPanel({ dossier: d }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('dossier.history')}
      </Title>
      <Timeline active={d.history.length - 1} bulletSize={14} lineWidth={2} data-testid="history">
        {d.history.map((h) => (
          <Timeline.Item key={h.seq} title={label(h.label)} data-testid="history-entry">
            <HistoryDetails dossierId={d.id} entry={h} />
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

function HistoryDetails({ dossierId, entry: h }: { dossierId: string; entry: Entry }) {
  const { t } = useTranslation();
  const label = useLabel();
  const who = useActorText();
  return (
    <>
      <Text size="sm" data-testid="history-actor">
        {who(h.actor)}
      </Text>
      <Text size="sm" c="dimmed">
        {formatDateTime(h.at)}
        {h.fromLabel && h.from !== h.to
          ? ` · ${t('dossierHistory.transition', { from: label(h.fromLabel), to: label(h.toLabel) })}`
          : h.from === null
            ? ` · ${t('dossierHistory.state', { to: label(h.toLabel) })}`
            : ''}
      </Text>
      {h.reason && <Text size="sm">{t('dossier.reasonBy', { reason: h.reason })}</Text>}
      {h.items && h.items.length > 0 && (
        <Text size="sm">{t('dossier.itemsBy', { items: h.items.join('; ') })}</Text>
      )}
      {h.newDueDate && (
        <Text size="sm" data-testid="history-new-date">
          {t('dossierHistory.newDueDate', { date: formatDate(h.newDueDate) })}
        </Text>
      )}
      {h.note && (
        <Text size="sm" data-testid="history-note">
          {t(OPINION.includes(h.action) ? 'dossierHistory.opinion' : 'dossierHistory.note', { note: h.note })}
        </Text>
      )}
      {h.attachment && (
        <Text size="sm">
          {t(h.action === 'submit_for_approval' ? 'dossierHistory.draft' : 'dossierHistory.file')}{' '}
          <Anchor href={attachmentUrl(dossierId, h.attachment.id)} target="_blank" rel="noopener">
            {h.attachment.fileName}
          </Anchor>
        </Text>
      )}
    </>
  );
}

const OPINION = ['approve', 'reject', 'send_back'];

/** "Nguyễn Văn An — Chủ tịch UBND", the account's name when not linked to an official, "Công dân" for the applicant. */
function useActorText() {
  const { t } = useTranslation();
  return (actor: Entry['actor']): string => {
    if (actor.kind === 'applicant') return t('dossierHistory.applicant');
    if (!actor.name) return t('dossierHistory.unknownOfficial');
    return actor.position ? `${actor.name} — ${actor.position}` : actor.name;
  };
}
