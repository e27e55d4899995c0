import { Badge, Button, Card, Group, Menu, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../common/api/meetings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/datetime';
import { type MeetingDetail, useMeetingActions } from './api';
import { TextModal } from './TextModal';

const RESPONSE_COLOR = { pending: 'gray', confirmed: 'green', apologised: 'orange' } as const;

export function InvitationBadge({ p }: { p: Participant }) {
  const { t } = useTranslation();
  if (!p.invitedAt)
    return (
      <Text size="sm" c="dimmed">
        {t('meetings.participants.notInvited')}
      </Text>
    );
  const status = p.invitationStatus ?? 'pending';
  return (
    <Stack gap={0}>
      <Badge
        variant="light"
        color={status === 'failed' ? 'red' : status === 'pending' ? 'gray' : 'blue'}
        data-testid="invitation-status"
      >
        {t(`meetings.invitation.${status}`)}
      </Badge>
      <Text size="xs" c="dimmed">
        {p.invitationChannel ? t(`meetings.channel.${p.invitationChannel}`) : ''} ·{' '}
        {formatDateTime(p.invitedAt)}
      </Text>
    </Stack>
  );
}

/** Participants (members of the day and guests), their invitation, response and apology; "Gửi giấy mời". */
export function ParticipantsPanel({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(m.id);
  const [guestName, setGuestName] = useState('');
  const [guestTitle, setGuestTitle] = useState('');
  const [guestEmail, setGuestEmail] = useState('');
  const canInvite = m.canManage && (m.status === 'draft' || m.status === 'invited');
  const members = m.participants.filter((p) => p.role === 'member');
  const guests = m.participants.filter((p) => p.role === 'guest');
  const error = actions.invite.error ?? actions.respond.error ?? actions.status.error;
  const invite = (withGuest: boolean) =>
    actions.invite.mutate(
      {
        guests: withGuest
          ? [
              {
                fullName: guestName.trim(),
                title: guestTitle.trim() || undefined,
                email: guestEmail.trim() || undefined,
              },
            ]
          : [],
      },
      {
        onSuccess: () => {
          setGuestName('');
          setGuestTitle('');
          setGuestEmail('');
        },
      },
    );

  return (
    <Stack gap="md">
      {m.canManage && (
        <Group gap="sm" wrap="wrap">
          {canInvite && (
            <Button
              onClick={() => invite(false)}
              loading={actions.invite.isPending}
              data-testid="send-invitations"
            >
              {m.status === 'draft'
                ? t('meetings.participants.invite')
                : t('meetings.participants.inviteAgain')}
            </Button>
          )}
          {(m.status === 'draft' || m.status === 'invited') && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                if (window.confirm(t('meetings.participants.cancelConfirm'))) actions.status.mutate('cancel');
              }}
            >
              {t('meetings.participants.cancel')}
            </Button>
          )}
          <Text size="sm" c="dimmed">
            {t('meetings.participants.inviteHint')}
          </Text>
        </Group>
      )}
      {error && <ErrorAlert error={error} />}
      <Title order={2} size="h4">
        {t('meetings.participants.members', { n: members.length })}
      </Title>
      {members.length === 0 ? (
        <Text c="dimmed">{t('meetings.participants.noneYet')}</Text>
      ) : (
        <ParticipantTable meeting={m} rows={members} actions={actions} />
      )}
      {guests.length > 0 && (
        <>
          <Title order={2} size="h4">
            {t('meetings.participants.guests', { n: guests.length })}
          </Title>
          <ParticipantTable meeting={m} rows={guests} actions={actions} />
        </>
      )}
      {canInvite && (
        <Card withBorder>
          <Stack gap="xs">
            <Text fw={600}>{t('meetings.participants.addGuest')}</Text>
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('meetings.participants.guestName')}
                value={guestName}
                onChange={(e) => setGuestName(e.currentTarget.value)}
              />
              <TextInput
                label={t('meetings.participants.guestTitle')}
                value={guestTitle}
                onChange={(e) => setGuestTitle(e.currentTarget.value)}
              />
              <TextInput
                label={t('meetings.participants.guestEmail')}
                type="email"
                value={guestEmail}
                onChange={(e) => setGuestEmail(e.currentTarget.value)}
              />
              <Button
                variant="light"
                disabled={guestName.trim().length < 2}
                onClick={() => invite(true)}
                loading={actions.invite.isPending}
              >
                {t('meetings.participants.addGuestSubmit')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function ParticipantTable({
  meeting: m,
  rows,
  actions,
}: {
  meeting: MeetingDetail;
  rows: Participant[];
  actions: ReturnType<typeof useMeetingActions>;
}) {
  const { t } = useTranslation();
  const canAnswer =
    m.canManage && (m.status === 'invited' || m.status === 'draft' || m.status === 'in_progress');
  const [apologising, setApologising] = useState<Participant | null>(null);
  return (
    <Table.ScrollContainer minWidth={720}>
      <TextModal
        opened={!!apologising}
        onClose={() => setApologising(null)}
        title={t('meetings.participants.recordApology')}
        context={apologising?.fullName}
        label={t('meetings.participants.apologyReason')}
        field="reason"
        minLength={1}
        maxLength={1000}
        submitLabel={t('meetings.participants.apologySend')}
        loading={actions.respond.isPending}
        error={actions.respond.error}
        onSubmit={(reason, done) =>
          apologising &&
          actions.respond.mutate(
            { participantId: apologising.id, response: 'apologised', reason },
            { onSuccess: done },
          )
        }
        testId="apology-modal"
      />
      <Table striped data-testid="participants-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('meetings.participants.name')}</Table.Th>
            <Table.Th scope="col">{t('meetings.participants.invitation')}</Table.Th>
            <Table.Th scope="col">{t('meetings.participants.response')}</Table.Th>
            <Table.Th scope="col">{t('meetings.participants.attendance')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={p.id} data-testid="participant-row">
              <Table.Th scope="row">
                <Text fw={500}>{p.fullName}</Text>
                {p.title && (
                  <Text size="xs" c="dimmed">
                    {p.title}
                  </Text>
                )}
              </Table.Th>
              <Table.Td>
                <InvitationBadge p={p} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Badge color={RESPONSE_COLOR[p.response]} variant="light">
                    {t(`meetings.response.${p.response}`)}
                  </Badge>
                  {canAnswer && p.role === 'member' && (
                    <Menu>
                      <Menu.Target>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-label={t('meetings.participants.answerFor', { name: p.fullName })}
                        >
                          …
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item
                          onClick={() =>
                            actions.respond.mutate({ participantId: p.id, response: 'confirmed' })
                          }
                        >
                          {t('meetings.participants.recordConfirm')}
                        </Menu.Item>
                        <Menu.Item
                          onClick={() => {
                            actions.respond.reset();
                            setApologising(p);
                          }}
                        >
                          {t('meetings.participants.recordApology')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Group>
                {p.apologyReason && (
                  <Text size="xs" c="dimmed">
                    {t('meetings.participants.reason', { reason: p.apologyReason })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <AttendanceText p={p} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function AttendanceText({ p }: { p: Participant }) {
  const { t } = useTranslation();
  if (!p.checkedInAt)
    return (
      <Text size="sm" c="dimmed">
        {t('meetings.attendance.absent')}
      </Text>
    );
  return (
    <Group gap={4}>
      <Badge color={p.present ? 'green' : 'gray'} variant={p.present ? 'filled' : 'light'}>
        {p.present ? t('meetings.attendance.present') : t('meetings.attendance.left')}
      </Badge>
      {p.late && (
        <Badge color="orange" variant="light">
          {t('meetings.attendance.late')}
        </Badge>
      )}
      <Text size="xs" c="dimmed">
        {formatDateTime(p.checkedInAt).slice(11, 16)}
        {p.leftAt ? ` – ${formatDateTime(p.leftAt).slice(11, 16)}` : ''}
      </Text>
    </Group>
  );
}
