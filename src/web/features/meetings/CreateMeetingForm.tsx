import { Button, Card, Group, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MeetingKind } from '../../../common/api/meetings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LocalizedDates } from '../../components/LocalizedDates';
import { DateField } from '../calendar/DateField';
import { useActiveOfficials } from '../org/api';
import { OfficialSelect, toPersonOption } from '../org/OfficialSelect';
import { type MeetingBody, useCreateMeeting } from './api';
import { fieldErrorOf } from './errors';

/** "Tạo kỳ họp": the body, a kind the body may hold, date, time, place, convener, chair and the rehearsal switch. */
export function CreateMeetingForm({
  communeCode,
  bodies,
  onClose,
}: {
  communeCode: string;
  bodies: MeetingBody[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateMeeting(communeCode);
  const officials = useActiveOfficials(communeCode);
  const people = (officials.data?.items ?? []).map(toPersonOption);
  const [bodyId, setBodyId] = useState<string | null>(null);
  const [kind, setKind] = useState<MeetingKind | null>(null);
  const [title, setTitle] = useState('');
  const [titleTouched, setTitleTouched] = useState(false);
  const [date, setDate] = useState<string | null>(null);
  const [time, setTime] = useState('08:00');
  const [place, setPlace] = useState('');
  const [convenerId, setConvenerId] = useState<string | null>(null);
  const [chairId, setChairId] = useState<string | null>(null);
  const [rehearsal, setRehearsal] = useState(false);
  const body = bodies.find((b) => b.bodyId === bodyId);
  const kinds = body?.meetingKinds ?? [];
  const suggested = body && kind ? t(`meetings.create.titleOf.${kind}`, { body: body.name }) : '';
  const shownTitle = titleTouched ? title : suggested;
  const err = (field: string) => fieldErrorOf(create.error, field);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!bodyId || !kind || !date) return;
    create.mutate(
      {
        bodyId,
        kind,
        title: shownTitle,
        meetingDate: date,
        startTime: time,
        place,
        convenerId,
        chairId,
        rehearsal,
      },
      { onSuccess: (m) => void navigate(`/hop/${m.id}`) },
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="create-title" data-testid="meeting-create">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="create-title">
            {t('meetings.create.title')}
          </Title>
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('meetings.create.body')}
              data={bodies.map((b) => ({ value: b.bodyId, label: b.name }))}
              value={bodyId}
              onChange={(v) => {
                setBodyId(v);
                const next = bodies.find((b) => b.bodyId === v);
                setKind(next?.meetingKinds[0] ?? null);
              }}
              searchable
              allowDeselect={false}
              required
              error={err('bodyId')}
              miw={260}
            />
            <Select
              label={t('meetings.create.kind')}
              data={kinds.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))}
              value={kind}
              onChange={(v) => setKind(v as MeetingKind | null)}
              disabled={!body}
              allowDeselect={false}
              required
              error={err('kind')}
              miw={220}
            />
          </Group>
          <TextInput
            label={t('meetings.create.meetingTitle')}
            value={shownTitle}
            onChange={(e) => {
              setTitleTouched(true);
              setTitle(e.currentTarget.value);
            }}
            required
            error={err('title')}
          />
          <LocalizedDates>
            <Group align="flex-start" wrap="wrap">
              <DateField
                label={t('meetings.create.date')}
                value={date}
                onChange={setDate}
                required
                error={err('meetingDate')}
                w={180}
              />
              <TextInput
                label={t('meetings.create.time')}
                type="time"
                value={time}
                onChange={(e) => setTime(e.currentTarget.value)}
                required
                error={err('startTime')}
                w={140}
              />
              <TextInput
                label={t('meetings.create.place')}
                value={place}
                onChange={(e) => setPlace(e.currentTarget.value)}
                required
                error={err('place')}
                style={{ flex: 1 }}
                miw={240}
              />
            </Group>
          </LocalizedDates>
          <Group grow align="flex-start" wrap="wrap">
            <OfficialSelect
              label={t('meetings.create.convener')}
              people={people}
              value={convenerId}
              onChange={setConvenerId}
              clearable
              error={err('convenerId')}
            />
            <OfficialSelect
              label={t('meetings.create.chair')}
              people={people}
              value={chairId}
              onChange={setChairId}
              clearable
              error={err('chairId')}
            />
          </Group>
          <Switch
            size="md"
            color="red"
            label={t('meetings.create.rehearsal')}
            description={t('meetings.create.rehearsalHint')}
            checked={rehearsal}
            onChange={(e) => setRehearsal(e.currentTarget.checked)}
            data-testid="create-rehearsal"
          />
          {body && (
            <Text size="sm" c="dimmed">
              {t('meetings.create.members', {
                members: body.membersToday,
                seats: body.seats ?? body.membersToday,
              })}
            </Text>
          )}
          {create.error && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!bodyId || !kind || !date}>
              {t('meetings.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
