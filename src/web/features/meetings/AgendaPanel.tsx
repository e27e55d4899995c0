import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Decision, VoteSubject } from '../../../common/api/meetings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useActiveOfficials } from '../org/api';
import { OfficialSelect, toPersonOption } from '../org/OfficialSelect';
import { type MeetingDetail, useMeetingActions } from './api';
import { fieldErrorOf } from './errors';

/** Decisions by a yes/no vote: they carry what the vote decides (an election has none). */
const VOTING: string[] = ['open_vote', 'secret_ballot'];

/** The agenda: ordered items with presenter, planned minutes and the decision expected; the secretary edits it. */
export function AgendaPanel({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(m.id);
  const editable = m.canManage && m.status !== 'closed' && m.status !== 'cancelled';
  const items = [...m.agenda].sort((a, b) => a.position - b.position);
  const move = (index: number, by: -1 | 1) => {
    const ids = items.map((i) => i.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    actions.reorder.mutate(ids);
  };
  const totalMinutes = items.reduce((s, i) => s + (i.plannedMinutes ?? 0), 0);
  const error = actions.reorder.error ?? actions.deleteItem.error;

  return (
    <Stack gap="sm" component="section" aria-labelledby="agenda-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="agenda-title">
          {t('meetings.agenda.title')}
        </Title>
        {totalMinutes > 0 && (
          <Text size="sm" c="dimmed">
            {t('meetings.agenda.total', { n: totalMinutes })}
          </Text>
        )}
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">{t('meetings.agenda.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table data-testid="agenda-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('meetings.agenda.item')}</Table.Th>
                <Table.Th scope="col">{t('meetings.agenda.presenter')}</Table.Th>
                <Table.Th scope="col">{t('meetings.agenda.minutes')}</Table.Th>
                <Table.Th scope="col">{t('meetings.agenda.decision')}</Table.Th>
                {editable && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item, index) => (
                <Table.Tr
                  key={item.id}
                  data-testid="agenda-row"
                  bg={item.status === 'current' ? 'yellow.0' : undefined}
                >
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Th scope="row">
                    <Text fw={500}>{item.title}</Text>
                    {item.status !== 'pending' && (
                      <Badge size="xs" color={item.status === 'current' ? 'yellow' : 'gray'}>
                        {t(`meetings.itemStatus.${item.status}`)}
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td>{item.presenterName ?? '—'}</Table.Td>
                  <Table.Td>{item.plannedMinutes ?? '—'}</Table.Td>
                  <Table.Td>
                    {t(`meetings.decision.${item.decision}`)}
                    {item.subject && (
                      <Text size="xs" c="dimmed">
                        {t(`meetings.subject.${item.subject}`)}
                      </Text>
                    )}
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                          aria-label={t('meetings.agenda.up', { title: item.title })}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          disabled={index === items.length - 1}
                          onClick={() => move(index, 1)}
                          aria-label={t('meetings.agenda.down', { title: item.title })}
                        >
                          ↓
                        </ActionIcon>
                        {item.status === 'pending' && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => actions.deleteItem.mutate(item.id)}
                          >
                            {t('common.delete')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {error && <ErrorAlert error={error} />}
      {editable && <AddItemForm meeting={m} actions={actions} />}
    </Stack>
  );
}

function AddItemForm({
  meeting: m,
  actions,
}: {
  meeting: MeetingDetail;
  actions: ReturnType<typeof useMeetingActions>;
}) {
  const { t } = useTranslation();
  const officials = useActiveOfficials(m.communeCode);
  const people = (officials.data?.items ?? []).map(toPersonOption);
  const [title, setTitle] = useState('');
  const [presenterId, setPresenterId] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | string>('');
  const [decision, setDecision] = useState<Decision>('information');
  const [subject, setSubject] = useState<VoteSubject | null>(null);
  const add = actions.addItem;
  const err = (f: string) => fieldErrorOf(add.error, f);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    add.mutate(
      {
        title: title.trim(),
        presenterId,
        presenterName: presenterId ? (people.find((p) => p.id === presenterId)?.fullName ?? null) : null,
        plannedMinutes: typeof minutes === 'number' ? minutes : null,
        decision,
        subject: VOTING.includes(decision)
          ? (subject ?? (decision === 'secret_ballot' ? 'confidence' : 'resolution'))
          : null,
      },
      {
        onSuccess: () => {
          setTitle('');
          setPresenterId(null);
          setMinutes('');
        },
      },
    );
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} noValidate data-testid="agenda-add">
        <Stack gap="xs">
          <Text fw={600}>{t('meetings.agenda.add')}</Text>
          <TextInput
            label={t('meetings.agenda.itemTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            error={err('title')}
          />
          <Group align="flex-start" wrap="wrap" grow>
            <OfficialSelect
              label={t('meetings.agenda.presenter')}
              people={people}
              value={presenterId}
              onChange={setPresenterId}
              clearable
              miw={220}
            />
            <NumberInput
              label={t('meetings.agenda.minutes')}
              value={minutes}
              onChange={setMinutes}
              min={1}
              max={600}
              allowDecimal={false}
              error={err('plannedMinutes')}
              maw={160}
            />
            <Select
              label={t('meetings.agenda.decision')}
              data={Decision.options.map((d) => ({ value: d, label: t(`meetings.decision.${d}`) }))}
              value={decision}
              onChange={(v) => v && setDecision(v as Decision)}
              allowDeselect={false}
              miw={200}
              data-testid="agenda-decision"
            />
            {VOTING.includes(decision) && (
              <Select
                label={t('meetings.agenda.subject')}
                data={VoteSubject.options.map((s) => ({ value: s, label: t(`meetings.subject.${s}`) }))}
                value={subject ?? (decision === 'secret_ballot' ? 'confidence' : 'resolution')}
                onChange={(v) => setSubject(v as VoteSubject | null)}
                allowDeselect={false}
                miw={200}
                data-testid="agenda-subject"
              />
            )}
          </Group>
          {add.error && <ErrorAlert error={add.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending} disabled={title.trim().length < 3}>
              {t('meetings.agenda.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
