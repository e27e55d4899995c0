import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoteMethod } from '../../../common/api/meeting-votes';
import type { AgendaItem } from '../../../common/api/meetings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useActiveOfficials } from '../org/api';
import { OfficialSelect, toPersonOption } from '../org/OfficialSelect';
import { type MeetingDetail, useMeetingActions, type Vote } from './api';
import { VoteResult } from './VoteResult';

type Actions = ReturnType<typeof useMeetingActions>;

/** The votes of one agenda item: open one (blocked without quorum), enter ballots or tallies, close, result. */
export function VotePanel({
  meeting: m,
  item,
  votes,
  actions,
}: {
  meeting: MeetingDetail;
  item: AgendaItem;
  votes: Vote[];
  actions: Actions;
}) {
  const { t } = useTranslation();
  const open = votes.find((v) => v.status === 'open') ?? null;
  const closed = votes.filter((v) => v.status === 'closed');
  const manage = m.canManage && m.status === 'in_progress';
  // A decided item offers a new vote (a re-run, a tie at the last seat) only when asked for.
  const [again, setAgain] = useState(false);
  return (
    <Stack gap="xs" data-testid="vote-panel">
      {closed.map((v) => (
        <VoteResult key={v.id} vote={v} />
      ))}
      {open && <OpenVote meeting={m} vote={open} manage={manage} actions={actions} />}
      {!open && manage && (closed.length === 0 || again) && (
        <OpenVoteForm meeting={m} item={item} actions={actions} />
      )}
      {!open && manage && closed.length > 0 && !again && (
        <Button size="compact-sm" variant="subtle" w="fit-content" onClick={() => setAgain(true)}>
          {t('meetings.vote.again')}
        </Button>
      )}
    </Stack>
  );
}

function OpenVoteForm({
  meeting: m,
  item,
  actions,
}: {
  meeting: MeetingDetail;
  item: AgendaItem;
  actions: Actions;
}) {
  const { t } = useTranslation();
  const officials = useActiveOfficials(m.communeCode);
  const people = (officials.data?.items ?? []).map(toPersonOption);
  const [question, setQuestion] = useState('');
  const [method, setMethod] = useState<VoteMethod>('electronic');
  const [seats, setSeats] = useState<number | string>(1);
  const [candidates, setCandidates] = useState<{ officialId: string; title: string }[]>([]);
  const [pick, setPick] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const isElection = item.decision === 'election';
  const isOpen = item.decision === 'open_vote';
  const q = m.quorum;
  const blocked = !q.reached;
  const submit = () =>
    actions.openVote.mutate({
      itemId: item.id,
      question: question.trim() || undefined,
      method: isOpen ? 'electronic' : method,
      ...(isElection
        ? {
            seatsToFill: typeof seats === 'number' ? seats : 1,
            candidates: candidates.map((c) => ({
              officialId: c.officialId,
              bodyId: m.bodyId,
              title: c.title,
            })),
          }
        : {}),
    });
  return (
    <Card withBorder padding="xs" bg="gray.0">
      <Stack gap="xs">
        <TextInput
          label={t('meetings.vote.question')}
          placeholder={item.title}
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
          size="sm"
        />
        {!isOpen && (
          <SegmentedControl
            value={method}
            onChange={(v) => setMethod(v as VoteMethod)}
            data={[
              { value: 'electronic', label: t('meetings.vote.electronic') },
              { value: 'paper', label: t('meetings.vote.paper') },
            ]}
            data-testid="vote-method"
          />
        )}
        {isElection && (
          <Stack gap={4}>
            <NumberInput
              label={t('meetings.vote.seatsToFill')}
              value={seats}
              onChange={setSeats}
              min={1}
              max={50}
              w={200}
              size="sm"
            />
            <Text size="sm" fw={600}>
              {t('meetings.vote.candidates')}
            </Text>
            {candidates.map((c) => (
              <Group key={c.officialId} gap="xs" data-testid="candidate-row">
                <Text size="sm">
                  {people.find((p) => p.id === c.officialId)?.fullName} — {c.title}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() => setCandidates((cs) => cs.filter((x) => x.officialId !== c.officialId))}
                >
                  {t('common.delete')}
                </Button>
              </Group>
            ))}
            <Group align="flex-end" wrap="wrap">
              <OfficialSelect
                label={t('meetings.vote.candidate')}
                people={people}
                value={pick}
                onChange={setPick}
                size="sm"
                w={240}
                data-testid="candidate-pick"
              />
              <TextInput
                label={t('meetings.vote.candidateTitle')}
                placeholder={t('meetings.vote.candidateTitleHint')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                size="sm"
                w={220}
              />
              <Button
                size="sm"
                variant="light"
                disabled={!pick || title.trim().length < 2 || candidates.some((c) => c.officialId === pick)}
                onClick={() => {
                  if (!pick) return;
                  setCandidates((cs) => [...cs, { officialId: pick, title: title.trim() }]);
                  setPick(null);
                }}
              >
                {t('meetings.vote.addCandidate')}
              </Button>
            </Group>
          </Stack>
        )}
        <Group gap="sm" align="center">
          <Button
            onClick={submit}
            disabled={blocked || (isElection && candidates.length === 0)}
            loading={actions.openVote.isPending}
            data-testid="vote-open"
          >
            {isElection ? t('meetings.vote.openElection') : t('meetings.vote.open')}
          </Button>
          {blocked && (
            <Text size="sm" c="red.8" data-testid="vote-blocked">
              {t('meetings.vote.blocked', { present: q.present, required: q.required, members: q.members })}
            </Text>
          )}
        </Group>
        {actions.openVote.error && <ErrorAlert error={actions.openVote.error} />}
      </Stack>
    </Card>
  );
}

const CHOICES = ['for', 'against', 'abstain'] as const;
const CHOICE_COLOR = { for: 'green', against: 'red', abstain: 'gray', not_voting: 'gray' } as const;

function OpenVote({
  meeting: m,
  vote: v,
  manage,
  actions,
}: {
  meeting: MeetingDetail;
  vote: Vote;
  manage: boolean;
  actions: Actions;
}) {
  const { t } = useTranslation();
  const present = m.participants.filter((p) => p.role === 'member' && p.present);
  const ballotOf = new Map((v.ballots ?? []).map((b) => [b.officialId, b]));
  const voted = new Set((v.voters ?? []).map((x) => x.officialId));
  return (
    <Card withBorder padding="sm" bg="blue.0" data-testid="vote-open-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Stack gap={0}>
            <Badge color="blue" variant="filled">
              {t('meetings.vote.running')}
            </Badge>
            <Text fw={600}>{v.question}</Text>
            <Text size="xs" c="dimmed">
              {t(`meetings.voteType.${v.voteType}`)} · {t(`meetings.vote.${v.method}`)}
            </Text>
          </Stack>
          {v.counts && v.voteType === 'open' && (
            <Text size="sm" data-testid="vote-live-counts">
              {t('meetings.vote.counts', {
                for: v.counts.for,
                against: v.counts.against,
                abstain: v.counts.abstain,
                notVoting: v.counts.notVoting,
              })}
            </Text>
          )}
        </Group>
        {v.voteType === 'open' && (
          <Table verticalSpacing={2} data-testid="show-of-hands">
            <Table.Tbody>
              {present.map((p) => {
                const b = p.officialId ? ballotOf.get(p.officialId) : undefined;
                const choice = b?.choice && b.choice !== 'not_voting' ? b.choice : null;
                return (
                  <Table.Tr key={p.id} data-testid="hand-row">
                    <Table.Th scope="row" fw={500}>
                      {p.fullName}
                    </Table.Th>
                    <Table.Td>
                      {choice ? (
                        <Badge
                          color={CHOICE_COLOR[choice]}
                          variant="light"
                          data-testid={`choice-${p.officialId}`}
                        >
                          {t(`meetings.choice.${choice}`)}
                          {b?.castBy === 'member' ? ` · ${t('meetings.vote.byMember')}` : ''}
                        </Badge>
                      ) : manage ? (
                        <Group gap={4} wrap="nowrap">
                          {CHOICES.map((c) => (
                            <Button
                              key={c}
                              size="compact-sm"
                              variant="light"
                              color={CHOICE_COLOR[c]}
                              onClick={() =>
                                p.officialId &&
                                actions.cast.mutate({ voteId: v.id, officialId: p.officialId, choice: c })
                              }
                              aria-label={`${t(`meetings.choice.${c}`)}: ${p.fullName}`}
                            >
                              {t(`meetings.choice.${c}`)}
                            </Button>
                          ))}
                        </Group>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t('meetings.vote.waiting')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {v.voteType !== 'open' && v.method === 'electronic' && (
          <Text size="sm" data-testid="secret-voters">
            {t('meetings.vote.votedCount', { n: voted.size, present: present.length })}
          </Text>
        )}
        {v.voteType !== 'open' && v.method === 'paper' && manage && (
          <PaperTally vote={v} present={present.length} actions={actions} />
        )}
        {actions.cast.error && <ErrorAlert error={actions.cast.error} />}
        {manage && (
          <Group>
            <Button
              color="dark"
              onClick={() => actions.closeVote.mutate(v.id)}
              loading={actions.closeVote.isPending}
              data-testid="vote-close"
            >
              {t('meetings.vote.close')}
            </Button>
          </Group>
        )}
        {actions.closeVote.error && <ErrorAlert error={actions.closeVote.error} />}
      </Stack>
    </Card>
  );
}

function PaperTally({ vote: v, present, actions }: { vote: Vote; present: number; actions: Actions }) {
  const { t } = useTranslation();
  const isElection = v.voteType === 'election';
  const keys = isElection ? v.candidates.map((c) => c.id) : ['for', 'against', 'abstain'];
  const [issued, setIssued] = useState<number | string>(v.paperTally?.ballotsIssued ?? present);
  const [returned, setReturned] = useState<number | string>(v.paperTally?.ballotsReturned ?? present);
  const [invalid, setInvalid] = useState<number | string>(v.paperTally?.invalid ?? 0);
  const [counts, setCounts] = useState<Record<string, number | string>>({});
  // The server keeps a paper tally to itself until the vote closes: the saved mark is this page's.
  const [saved, setSaved] = useState(false);
  const n = (x: number | string) => (typeof x === 'number' ? x : Number(x) || 0);
  const valid = n(returned) - n(invalid);
  const label = (k: string) =>
    isElection
      ? (v.candidates.find((c) => c.id === k)?.fullName ?? k)
      : t(`meetings.choice.${k as (typeof CHOICES)[number]}`);
  return (
    <Card withBorder padding="xs" data-testid="paper-tally">
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {t('meetings.vote.tallyTitle')}
        </Text>
        <Group gap="xs" wrap="wrap">
          <NumberInput
            label={t('meetings.vote.issued')}
            value={issued}
            onChange={setIssued}
            min={0}
            w={130}
            size="sm"
          />
          <NumberInput
            label={t('meetings.vote.returned')}
            value={returned}
            onChange={setReturned}
            min={0}
            w={130}
            size="sm"
          />
          <NumberInput
            label={t('meetings.vote.invalid')}
            value={invalid}
            onChange={setInvalid}
            min={0}
            w={130}
            size="sm"
          />
          <Text size="sm" mt={24}>
            {t('meetings.vote.valid', { n: valid })}
          </Text>
        </Group>
        <Group gap="xs" wrap="wrap">
          {keys.map((k) => (
            <NumberInput
              key={k}
              label={label(k)}
              value={counts[k] ?? ''}
              onChange={(x) => setCounts((c) => ({ ...c, [k]: x }))}
              min={0}
              w={isElection ? 200 : 130}
              size="sm"
            />
          ))}
        </Group>
        <Group>
          <Button
            size="sm"
            variant="light"
            loading={actions.tally.isPending}
            onClick={() =>
              actions.tally.mutate(
                {
                  voteId: v.id,
                  ballotsIssued: n(issued),
                  ballotsReturned: n(returned),
                  valid,
                  invalid: n(invalid),
                  counts: Object.fromEntries(keys.map((k) => [k, n(counts[k] ?? 0)])),
                },
                { onSuccess: () => setSaved(true) },
              )
            }
            data-testid="tally-save"
          >
            {t('meetings.vote.saveTally')}
          </Button>
          {saved && (
            <Badge color="green" variant="light">
              {t('meetings.vote.tallySaved')}
            </Badge>
          )}
        </Group>
        {actions.tally.error && <ErrorAlert error={actions.tally.error} />}
      </Stack>
    </Card>
  );
}

/** A member's own ballot on their device: large buttons; secret ballots say only that the ballot was cast. */
export function MemberBallot({ vote: v, myOfficialId }: { vote: Vote; myOfficialId: string | null }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(v.meetingId);
  const [picked, setPicked] = useState<string[]>([]);
  const mine = v.ballots?.find((b) => b.officialId === myOfficialId);
  const alreadyOpen = mine && mine.choice !== 'not_voting';
  const alreadySecret = v.voters?.some((x) => x.officialId === myOfficialId);
  const done = alreadyOpen || alreadySecret || actions.cast.isSuccess;
  if (v.method === 'paper') return <Alert color="gray">{t('meetings.member.paperBallot')}</Alert>;
  if (done)
    return (
      <Alert color="green" data-testid="ballot-done">
        {v.voteType === 'open' && mine && mine.choice !== 'not_voting'
          ? t('meetings.member.youVoted', { choice: t(`meetings.choice.${mine.choice}`) })
          : t('meetings.member.ballotCast')}
      </Alert>
    );
  if (v.voteType === 'election')
    return (
      <Stack gap="sm" data-testid="member-election">
        <Text>{t('meetings.member.electionHint', { n: v.seatsToFill ?? 1 })}</Text>
        {v.candidates.map((c) => {
          const on = picked.includes(c.id);
          return (
            <Button
              key={c.id}
              size="xl"
              h={72}
              variant={on ? 'filled' : 'outline'}
              onClick={() => setPicked((p) => (on ? p.filter((x) => x !== c.id) : [...p, c.id]))}
              aria-pressed={on}
              fullWidth
            >
              {on ? '✓ ' : ''}
              {c.fullName} — {c.title}
            </Button>
          );
        })}
        <Button
          size="xl"
          h={64}
          color="dark"
          onClick={() => actions.cast.mutate({ voteId: v.id, candidateIds: picked })}
          loading={actions.cast.isPending}
          fullWidth
          data-testid="ballot-submit"
        >
          {t('meetings.member.submitBallot')}
        </Button>
        {actions.cast.error && <ErrorAlert error={actions.cast.error} />}
      </Stack>
    );
  return (
    <Stack gap="sm" data-testid="member-ballot">
      {v.voteType === 'secret' && (
        <Text size="sm" c="dimmed">
          {t('meetings.member.secretHint')}
        </Text>
      )}
      {CHOICES.map((c) => (
        <Button
          key={c}
          size="xl"
          h={72}
          color={CHOICE_COLOR[c]}
          onClick={() => actions.cast.mutate({ voteId: v.id, choice: c })}
          loading={actions.cast.isPending}
          fullWidth
          data-testid={`ballot-${c}`}
        >
          {t(`meetings.choice.${c}`)}
        </Button>
      ))}
      {actions.cast.error && <ErrorAlert error={actions.cast.error} />}
    </Stack>
  );
}
