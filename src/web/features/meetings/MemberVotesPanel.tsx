import { Anchor, Badge, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { MorePages } from '../../components/MorePages';
import { formatDate } from '../../lib/dates';
import { useActiveOfficials, useBodies } from '../org/api';
import { OfficialSelect, type PersonOption } from '../org/OfficialSelect';
import { type MeetingBody, useMemberVotes } from './api';

const CHOICE_COLOR = { for: 'green', against: 'red', abstain: 'yellow', not_voting: 'gray' } as const;

/**
 * "Biểu quyết của đại biểu": choose a body and one of its members of today (people holding a position in it or in
 * one of its groups), and list how they voted in the open votes of the commune's meetings, newest first. Secret
 * ballots never appear (no ballot is linked to a member).
 */
export function MemberVotesPanel({ communeCode, bodies }: { communeCode: string; bodies: MeetingBody[] }) {
  const { t } = useTranslation();
  // The council first: "how did this delegate vote" is mostly asked of HĐND delegates.
  const [bodyId, setBodyId] = useState<string | null>(
    (bodies.find((b) => b.bodyKind === 'council') ?? bodies[0])?.bodyId ?? null,
  );
  const [officialId, setOfficialId] = useState<string | null>(null);
  const orgBodies = useBodies(communeCode);
  const officials = useActiveOfficials(communeCode);
  // The body and its descendant bodies (HĐND → Thường trực, the Ban, Đại biểu HĐND).
  const people = useMemo<PersonOption[]>(() => {
    if (!bodyId) return [];
    const within = new Set([bodyId]);
    for (const b of orgBodies.data?.items ?? []) if (b.parentId && within.has(b.parentId)) within.add(b.id);
    return (officials.data?.items ?? [])
      .map((o) => ({
        id: o.id,
        fullName: o.fullName,
        titles: o.positions.filter((p) => p.current && within.has(p.bodyId)).map((p) => p.title),
      }))
      .filter((p) => p.titles.length > 0)
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  }, [bodyId, orgBodies.data, officials.data]);
  const votes = useMemberVotes(communeCode, officialId);
  const items = votes.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm" data-testid="member-votes">
      <Title order={2} size="h3" id="member-votes-title">
        {t('meetings.memberVotes.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('meetings.memberVotes.hint')}
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('meetings.memberVotes.body')}
          data={bodies.map((b) => ({ value: b.bodyId, label: b.name }))}
          value={bodyId}
          onChange={(v) => {
            setBodyId(v);
            setOfficialId(null);
          }}
          allowDeselect={false}
          w={300}
          maw="100%"
        />
        <OfficialSelect
          label={t('meetings.memberVotes.member')}
          placeholder={t('meetings.memberVotes.pick')}
          people={people}
          value={officialId}
          onChange={setOfficialId}
          w={340}
          maw="100%"
          disabled={officials.isPending}
        />
      </Group>
      {(officials.error ?? orgBodies.error) && <ErrorAlert error={officials.error ?? orgBodies.error} />}
      {officialId &&
        (votes.isPending ? (
          <Loading />
        ) : votes.isError && !votes.data ? (
          <ErrorAlert error={votes.error} onRetry={() => void votes.refetch()} />
        ) : items.length === 0 ? (
          <Text role="status" data-testid="member-votes-none">
            {t('meetings.memberVotes.none', { name: votes.data?.pages[0]?.official.fullName ?? '' })}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped data-testid="member-votes-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('meetings.memberVotes.date')}</Table.Th>
                  <Table.Th scope="col">{t('meetings.memberVotes.meeting')}</Table.Th>
                  <Table.Th scope="col">{t('meetings.memberVotes.question')}</Table.Th>
                  <Table.Th scope="col" miw={150}>
                    {t('meetings.memberVotes.choice')}
                  </Table.Th>
                  <Table.Th scope="col" miw={120}>
                    {t('meetings.memberVotes.outcome')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((v) => (
                  <Table.Tr key={v.voteId} data-testid="member-vote-row">
                    <Table.Td>{formatDate(v.meetingDate)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Anchor component={Link} to={`/hop/${v.meetingId}`} size="sm">
                          {v.meetingTitle}
                        </Anchor>
                        {v.rehearsal && (
                          <Badge color="red" variant="filled" size="xs" w="fit-content">
                            {t('meetings.rehearsal.band')}
                          </Badge>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {v.itemTitle}
                      </Text>
                      {v.question !== v.itemTitle && (
                        <Text size="xs" c="dimmed">
                          {v.question}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={CHOICE_COLOR[v.choice]} variant="light" data-testid="member-vote-choice">
                        {t(`meetings.choice.${v.choice}`)}
                      </Badge>
                      {v.castBy === 'secretary' && (
                        <Text size="xs" c="dimmed">
                          {t('meetings.memberVotes.bySecretary')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {v.status === 'open'
                        ? t('meetings.memberVotes.stillOpen')
                        : v.outcome
                          ? t(`meetings.outcome.${v.outcome}`)
                          : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
      {officialId && votes.data && <MorePages query={votes} />}
    </Stack>
  );
}
