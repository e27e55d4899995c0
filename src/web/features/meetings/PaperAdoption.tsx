import { Anchor, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormError } from '../../components/FormError';
import { formatDateTime } from '../../lib/datetime';
import { type MeetingDetail, type MeetingPaper, paths, useMeetingVotes, usePaperActions } from './api';
import { fieldErrorOf } from './errors';

/**
 * A paper's adoption and publication: which version was adopted (and by which vote), the public text once published;
 * for the secretary "Thông qua phiên bản" (a version, optionally by a closed passed vote of the meeting on the
 * paper's item) and "Công bố" (asks first: anyone can then read the text).
 */
export function PaperAdoption({ meeting: m, paper: p }: { meeting: MeetingDetail; paper: MeetingPaper }) {
  const { t } = useTranslation();
  const actions = usePaperActions(m.id);
  const [adopting, adopt] = useDisclosure(false);
  const [publishing, publish] = useDisclosure(false);
  const canAdopt = m.canManage && p.status === 'drafting' && p.currentVersion > 0;
  const canPublish = m.canManage && p.status === 'adopted';
  return (
    <Stack gap={4} data-testid="paper-adoption">
      {p.adoptedVersion !== null && (
        <Text size="sm" data-testid="paper-adopted">
          {t('meetings.papers.adoptedVersion', { n: p.adoptedVersion })}
          {p.publishedAt
            ? ` · ${t('meetings.papers.publishedAt', { at: formatDateTime(p.publishedAt) })}`
            : ''}
        </Text>
      )}
      {p.status === 'published' && (
        <Anchor href={paths.publicPaper(p.id)} target="_blank" size="sm" data-testid="paper-public-link">
          {t('meetings.papers.publicLink')}
        </Anchor>
      )}
      {(canAdopt || canPublish) && (
        <Group gap="xs">
          {canAdopt && (
            <Button
              size="compact-sm"
              variant="light"
              color="green"
              onClick={() => {
                actions.adopt.reset();
                adopt.open();
              }}
              data-testid="paper-adopt"
            >
              {t('meetings.papers.adopt')}
            </Button>
          )}
          {canPublish && (
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => {
                actions.publish.reset();
                publish.open();
              }}
              data-testid="paper-publish"
            >
              {t('meetings.papers.publish')}
            </Button>
          )}
        </Group>
      )}
      {canAdopt && <AdoptModal meeting={m} paper={p} opened={adopting} onClose={adopt.close} />}
      <Modal
        opened={publishing}
        onClose={publish.close}
        title={t('meetings.papers.publishTitle', { title: p.title })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('meetings.papers.publishWarning', { n: p.adoptedVersion ?? 0 })}</Text>
          {actions.publish.error && <ErrorAlert error={actions.publish.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={publish.close}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={actions.publish.isPending}
              onClick={() => actions.publish.mutate(p.id, { onSuccess: publish.close })}
              data-testid="paper-publish-confirm"
            >
              {t('meetings.papers.publishConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function AdoptModal({
  meeting: m,
  paper: p,
  opened,
  onClose,
}: {
  meeting: MeetingDetail;
  paper: MeetingPaper;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const actions = usePaperActions(m.id);
  const votes = useMeetingVotes(m.id, opened);
  const [version, setVersion] = useState<string>(String(p.currentVersion));
  const [voteId, setVoteId] = useState<string | null>(null);
  // A vote adopts the paper when it closed and passed, on the paper's own item if it has one.
  const passed = (votes.data?.items ?? []).filter(
    (v) => v.status === 'closed' && v.outcome === 'passed' && (!p.itemId || v.itemId === p.itemId),
  );
  const error = actions.adopt.error;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('meetings.papers.adoptTitle', { title: p.title })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Select
          label={t('meetings.papers.adoptVersion')}
          data={p.versions
            .slice()
            .sort((a, b) => b.version - a.version)
            .map((v) => ({
              value: String(v.version),
              label: `${t('meetings.papers.version', { n: v.version })}${v.changeNote ? ` · ${v.changeNote}` : ''}`,
            }))}
          value={version}
          onChange={(v) => v && setVersion(v)}
          allowDeselect={false}
          error={fieldErrorOf(error, 'version')}
        />
        <Select
          label={t('meetings.papers.adoptVote')}
          description={t('meetings.papers.adoptVoteHint')}
          placeholder={t('meetings.papers.adoptNoVote')}
          data={passed.map((v) => ({
            value: v.id,
            label: `${v.itemTitle} · ${v.question}`,
          }))}
          value={voteId}
          onChange={setVoteId}
          clearable
          nothingFoundMessage={t('meetings.papers.adoptNoPassedVote')}
          error={fieldErrorOf(error, 'voteId')}
        />
        {!!error && <FormError error={error} shown={(f) => f === 'body.version' || f === 'body.voteId'} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="green"
            loading={actions.adopt.isPending}
            onClick={() =>
              actions.adopt.mutate(
                { paperId: p.id, version: Number(version), ...(voteId ? { voteId } : {}) },
                { onSuccess: onClose },
              )
            }
            data-testid="paper-adopt-confirm"
          >
            {t('meetings.papers.adoptConfirm', { n: version })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
