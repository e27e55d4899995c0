import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HalfDay, OneStopMode, TrialStatus, TrialSummary } from '../../../../common/api/campaign-trials';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { LocalizedDates } from '../../../components/LocalizedDates';
import { formatDate, todayInVietnam } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import { useSession } from '../../auth/session';
import { DateField } from '../../calendar/DateField';
import { fieldErrorOf } from '../../meetings/errors';
import { useActiveOfficials } from '../../org/api';
import { OfficialSelect, toPersonOption } from '../../org/OfficialSelect';
import { holdsIn } from '../../workspace/access';
import type { CommuneTabProps } from '../CampaignPage';
import { NewItemCard } from '../parts';
import {
  type TrialDetail,
  useCreateTrial,
  useProvinceCommunes,
  useTrial,
  useTrialAction,
  useTrials,
} from '../trials-api';

const HALF_DAYS: HalfDay[] = ['morning', 'afternoon', 'all_day'];
const ONE_STOP: OneStopMode[] = ['none', 'mock', 'real', 'both'];
const STATUSES: TrialStatus[] = ['planned', 'held', 'cancelled'];
const STATUS_COLOR: Record<TrialStatus, string> = { planned: 'blue', held: 'green', cancelled: 'gray' };

/** "Kế hoạch diễn tập": the commune's trial plans, a new plan, and one plan with what the records show of its day. */
export function TrialsTab({ communeCode, provinceCode }: CommuneTabProps) {
  const { t } = useTranslation();
  const user = useSession().data;
  const canManage = holdsIn(user, 'campaign.manage', communeCode, provinceCode);
  const [status, setStatus] = useState<TrialStatus | null>(null);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const trials = useTrials(communeCode, status ?? undefined);

  return (
    <LocalizedDates>
      <Stack data-testid="trials-tab">
        <Group justify="space-between" align="flex-end">
          <Select
            label={t('campaignTrials.trials.filterStatus')}
            data={STATUSES.map((s) => ({ value: s, label: t(`campaignTrials.trialStatus.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as TrialStatus | null)}
            clearable
            placeholder={t('campaignTrials.all')}
            w={220}
          />
          {canManage && !creating && (
            <Button onClick={() => setCreating(true)} data-testid="trial-new">
              {t('campaignTrials.trials.new')}
            </Button>
          )}
        </Group>
        {creating && (
          <TrialForm
            communeCode={communeCode}
            provinceCode={provinceCode}
            onClose={(id) => {
              setCreating(false);
              if (id) setSelected(id);
            }}
          />
        )}
        {trials.isPending ? (
          <Loading />
        ) : trials.isError ? (
          <ErrorAlert error={trials.error} onRetry={() => void trials.refetch()} />
        ) : trials.data.items.length === 0 ? (
          <Text c="dimmed">{t('campaignTrials.trials.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover data-testid="trials-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('campaignTrials.trials.date')}</Table.Th>
                  <Table.Th>{t('campaignTrials.trials.halfDay')}</Table.Th>
                  <Table.Th>{t('campaignTrials.trials.scope')}</Table.Th>
                  <Table.Th>{t('campaignTrials.trials.leader')}</Table.Th>
                  <Table.Th>{t('campaignTrials.trials.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {trials.data.items.map((p) => (
                  <Table.Tr
                    key={p.id}
                    onClick={() => setSelected(p.id)}
                    style={{ cursor: 'pointer' }}
                    bg={selected === p.id ? 'var(--mantine-color-blue-light)' : undefined}
                  >
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => setSelected(p.id)}>
                        {formatDate(p.trialDate)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`campaignTrials.halfDay.${p.halfDay}`)}</Table.Td>
                    <Table.Td>
                      <ScopeBadges scope={p.scope} />
                    </Table.Td>
                    <Table.Td>{p.workingGroup.leader.name}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[p.status]} miw="max-content">
                        {t(`campaignTrials.trialStatus.${p.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {selected && <TrialSection id={selected} communeCode={communeCode} canManage={canManage} />}
      </Stack>
    </LocalizedDates>
  );
}

function ScopeBadges({ scope }: { scope: TrialSummary['scope'] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {scope.council && <Badge variant="light">{t('campaignTrials.scope.council')}</Badge>}
      {scope.government && <Badge variant="light">{t('campaignTrials.scope.government')}</Badge>}
      {scope.party && <Badge variant="light">{t('campaignTrials.scope.party')}</Badge>}
      {scope.oneStop !== 'none' && (
        <Badge variant="light" color="orange">
          {t(`campaignTrials.oneStop.${scope.oneStop}`)}
        </Badge>
      )}
    </Group>
  );
}

/** "Lập kế hoạch": date and half-day, what is rehearsed, the working group, observers from other communes. */
function TrialForm({
  communeCode,
  provinceCode,
  onClose,
}: CommuneTabProps & { onClose: (createdId?: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateTrial(communeCode);
  const officials = useActiveOfficials(communeCode);
  const people = (officials.data?.items ?? []).map(toPersonOption);
  const communes = useProvinceCommunes(provinceCode);
  const [date, setDate] = useState<string | null>(null);
  const [halfDay, setHalfDay] = useState<HalfDay>('morning');
  const [scope, setScope] = useState({ council: true, government: true, party: false });
  const [oneStop, setOneStop] = useState<OneStopMode>('mock');
  const [leaderId, setLeaderId] = useState<string | null>(null);
  const [leaderName, setLeaderName] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [otherMembers, setOtherMembers] = useState('');
  const [observers, setObservers] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const err = (field: string) => fieldErrorOf(create.error, field);

  const submit = () => {
    if (!date) return;
    const free = otherMembers
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((name) => ({ officialId: null, name }));
    create.mutate(
      {
        trialDate: date,
        halfDay,
        scope: { ...scope, oneStop },
        workingGroup: {
          leader: leaderId
            ? { officialId: leaderId }
            : { officialId: null, name: leaderName.trim() || undefined },
          members: [...memberIds.map((officialId) => ({ officialId })), ...free],
        },
        observers: observers.map((communeCode) => ({ communeCode })),
        note: note.trim() || null,
      },
      { onSuccess: (p) => onClose(p.id) },
    );
  };

  return (
    <NewItemCard
      name="trial"
      title={t('campaignTrials.trials.new')}
      mutation={create}
      err={err}
      onSubmit={submit}
      onCancel={onClose}
      disabled={!date}
    >
      <Group grow align="flex-start">
        <DateField
          label={t('campaignTrials.trials.date')}
          value={date}
          onChange={setDate}
          required
          error={err('trialDate')}
          data-testid="trial-date"
        />
        <Select
          label={t('campaignTrials.trials.halfDay')}
          data={HALF_DAYS.map((h) => ({ value: h, label: t(`campaignTrials.halfDay.${h}`) }))}
          value={halfDay}
          onChange={(v) => v && setHalfDay(v as HalfDay)}
          allowDeselect={false}
          error={err('halfDay')}
        />
      </Group>
      <Text fw={500} size="sm">
        {t('campaignTrials.trials.scope')}
      </Text>
      <Group>
        {(['council', 'government', 'party'] as const).map((k) => (
          <Checkbox
            key={k}
            label={t(`campaignTrials.scope.${k}`)}
            checked={scope[k]}
            onChange={(e) => setScope({ ...scope, [k]: e.currentTarget.checked })}
          />
        ))}
      </Group>
      <Select
        label={t('campaignTrials.trials.oneStop')}
        data={ONE_STOP.map((m) => ({ value: m, label: t(`campaignTrials.oneStopLong.${m}`) }))}
        value={oneStop}
        onChange={(v) => v && setOneStop(v as OneStopMode)}
        allowDeselect={false}
      />
      <Group grow align="flex-start">
        <OfficialSelect
          label={t('campaignTrials.trials.leader')}
          people={people}
          value={leaderId}
          onChange={setLeaderId}
          clearable
          error={err('workingGroup.leader.officialId')}
          data-testid="trial-leader"
        />
        {!leaderId && (
          <TextInput
            label={t('campaignTrials.trials.leaderName')}
            value={leaderName}
            onChange={(e) => setLeaderName(e.currentTarget.value)}
            error={err('workingGroup.leader.name')}
          />
        )}
      </Group>
      <MultiSelect
        label={t('campaignTrials.trials.members')}
        data={people.map((p) => ({ value: p.id, label: p.fullName }))}
        value={memberIds}
        onChange={setMemberIds}
        searchable
        data-testid="trial-members"
      />
      <Textarea
        label={t('campaignTrials.trials.otherMembers')}
        description={t('campaignTrials.trials.otherMembersHint')}
        value={otherMembers}
        onChange={(e) => setOtherMembers(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <MultiSelect
        label={t('campaignTrials.trials.observers')}
        description={t('campaignTrials.trials.observersHint')}
        data={(communes.data?.items ?? [])
          .filter((c) => c.code !== communeCode)
          .map((c) => ({ value: c.code, label: c.name }))}
        value={observers}
        onChange={setObservers}
        searchable
        error={err('observers.0.communeCode')}
        data-testid="trial-observers"
      />
      <Textarea
        label={t('campaignTrials.trials.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        error={err('note')}
      />
    </NewItemCard>
  );
}

/** One plan: what is rehearsed, who, observers, its moves; the day's rehearsal meetings and mock dossiers. */
function TrialSection({
  id,
  communeCode,
  canManage,
}: {
  id: string;
  communeCode: string;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const trial = useTrial(id);
  if (trial.isPending) return <Loading />;
  if (trial.isError) return <ErrorAlert error={trial.error} onRetry={() => void trial.refetch()} />;
  const p = trial.data;
  const rehearsed = p.rehearsed;
  return (
    <Card withBorder component="section" aria-labelledby="trial-title" data-testid="trial-section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} id="trial-title">
            {t('campaignTrials.trials.planOf', {
              date: formatDate(p.trialDate),
              halfDay: t(`campaignTrials.halfDay.${p.halfDay}`),
            })}
          </Title>
          <Badge color={STATUS_COLOR[p.status]} size="lg">
            {t(`campaignTrials.trialStatus.${p.status}`)}
          </Badge>
        </Group>
        <ScopeBadges scope={p.scope} />
        <Text size="sm">
          <b>{t('campaignTrials.trials.leader')}:</b> {p.workingGroup.leader.name}
          {p.workingGroup.leader.role ? ` (${p.workingGroup.leader.role})` : ''}
        </Text>
        {p.workingGroup.members.length > 0 && (
          <Text size="sm">
            <b>{t('campaignTrials.trials.members')}:</b>{' '}
            {p.workingGroup.members.map((m) => (m.role ? `${m.name} (${m.role})` : m.name)).join('; ')}
          </Text>
        )}
        {p.observers.length > 0 && (
          <Text size="sm">
            <b>{t('campaignTrials.trials.observers')}:</b>{' '}
            {p.observers.map((o) => (o.name ? `${o.communeName} — ${o.name}` : o.communeName)).join('; ')}
          </Text>
        )}
        {p.note && (
          <Text size="sm">
            <b>{t('campaignTrials.trials.note')}:</b> {p.note}
          </Text>
        )}
        {p.summary && (
          <Alert color="green" title={t('campaignTrials.trials.summary')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="trial-summary">
              {p.summary}
            </Text>
          </Alert>
        )}
        {p.cancelReason && (
          <Alert color="gray" title={t('campaignTrials.trials.cancelReason')}>
            {p.cancelReason}
          </Alert>
        )}

        <Title order={4}>{t('campaignTrials.trials.rehearsedTitle')}</Title>
        <Card withBorder bg="var(--mantine-color-yellow-light)" data-testid="trial-rehearsed">
          <Stack gap="xs">
            <Badge color="orange" variant="filled" size="lg">
              {t('campaign.rehearsalBand')}
            </Badge>
            <Text fw={500} size="sm">
              {t('campaignTrials.trials.meetingsOfDay', { count: rehearsed.meetings.length })}
            </Text>
            {rehearsed.meetings.length > 0 && (
              <List size="sm">
                {rehearsed.meetings.map((m) => (
                  <List.Item key={m.id}>
                    <Anchor component={Link} to={`/hop/${m.id}`}>
                      {m.title}
                    </Anchor>{' '}
                    — {m.bodyName}, {m.startTime} (
                    {t(`meetings.status.${m.status}`, { defaultValue: m.status })})
                  </List.Item>
                ))}
              </List>
            )}
            <Text fw={500} size="sm" data-testid="trial-mock-dossiers">
              {t('campaignTrials.trials.dossiersOfDay', { count: rehearsed.mockDossiers.count })}
            </Text>
            {rehearsed.mockDossiers.codes.length > 0 && (
              <Group gap={4}>
                {rehearsed.mockDossiers.codes.map((c) => (
                  <Badge key={c} variant="outline" color="orange">
                    {c}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        </Card>
        <Text size="sm">
          {t('campaignTrials.trials.linked', {
            incidents: p.incidents.total,
            open: p.incidents.open,
            lessons: p.lessons,
          })}
        </Text>

        {p.history.some((h) => h.action === 'campaign.trial.move') && (
          <>
            <Title order={4}>{t('campaignTrials.trials.moves')}</Title>
            <List size="sm" data-testid="trial-moves">
              {p.history
                .filter((h) => h.action === 'campaign.trial.move')
                .map((h) => (
                  <List.Item key={h.at}>
                    {t('campaignTrials.trials.moveLine', {
                      at: formatDateTime(h.at),
                      who: h.actorName,
                      from: h.from
                        ? `${formatDate(h.from.trialDate)} ${t(`campaignTrials.halfDay.${h.from.halfDay}`)}`
                        : '',
                      to: h.to
                        ? `${formatDate(h.to.trialDate)} ${t(`campaignTrials.halfDay.${h.to.halfDay}`)}`
                        : '',
                      reason: h.reason ?? '',
                    })}
                  </List.Item>
                ))}
            </List>
          </>
        )}
        {canManage && p.status === 'planned' && <TrialActions trial={p} communeCode={communeCode} />}
      </Stack>
    </Card>
  );
}

function TrialActions({ trial, communeCode }: { trial: TrialDetail; communeCode: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'move' | 'hold' | 'cancel' | null>(null);
  const move = useTrialAction(communeCode, trial.id, 'move');
  const hold = useTrialAction(communeCode, trial.id, 'hold');
  const cancel = useTrialAction(communeCode, trial.id, 'cancel');
  const [date, setDate] = useState<string | null>(trial.trialDate);
  const [halfDay, setHalfDay] = useState<HalfDay>(trial.halfDay);
  const [text, setText] = useState('');
  const canHold = trial.trialDate <= todayInVietnam();
  const mutation = open === 'move' ? move : open === 'hold' ? hold : cancel;
  const err = (field: string) => fieldErrorOf(mutation.error, field);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const done = {
      onSuccess: () => {
        setOpen(null);
        setText('');
      },
    };
    if (open === 'move' && date)
      move.mutate({ version: trial.version, trialDate: date, halfDay, reason: text }, done);
    if (open === 'hold') hold.mutate({ version: trial.version, summary: text }, done);
    if (open === 'cancel') cancel.mutate({ version: trial.version, reason: text }, done);
  };

  if (!open)
    return (
      <Group>
        <Button onClick={() => setOpen('hold')} disabled={!canHold} data-testid="trial-hold">
          {t('campaignTrials.trials.hold')}
        </Button>
        <Button variant="default" onClick={() => setOpen('move')} data-testid="trial-move">
          {t('campaignTrials.trials.move')}
        </Button>
        <Button variant="subtle" color="red" onClick={() => setOpen('cancel')}>
          {t('campaignTrials.trials.cancel')}
        </Button>
        {!canHold && (
          <Text size="xs" c="dimmed">
            {t('campaignTrials.trials.holdFromDay', { date: formatDate(trial.trialDate) })}
          </Text>
        )}
      </Group>
    );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {open === 'move' && (
          <Group grow align="flex-start">
            <DateField
              label={t('campaignTrials.trials.newDate')}
              value={date}
              onChange={setDate}
              error={err('trialDate')}
            />
            <Select
              label={t('campaignTrials.trials.halfDay')}
              data={HALF_DAYS.map((h) => ({ value: h, label: t(`campaignTrials.halfDay.${h}`) }))}
              value={halfDay}
              onChange={(v) => v && setHalfDay(v as HalfDay)}
              allowDeselect={false}
            />
          </Group>
        )}
        <Textarea
          label={t(
            open === 'hold'
              ? 'campaignTrials.trials.summary'
              : open === 'move'
                ? 'campaignTrials.trials.moveReason'
                : 'campaignTrials.trials.cancelReason',
          )}
          description={open === 'hold' ? t('campaignTrials.trials.summaryHint') : undefined}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={open === 'hold' ? 4 : 2}
          error={err(open === 'hold' ? 'summary' : 'reason')}
          data-testid="trial-action-text"
        />
        {mutation.isError && !err(open === 'hold' ? 'summary' : 'reason') && !err('trialDate') && (
          <ErrorAlert error={mutation.error} />
        )}
        <Group>
          <Button type="submit" loading={mutation.isPending} data-testid="trial-action-save">
            {t(`campaignTrials.trials.${open}Confirm`)}
          </Button>
          <Button variant="default" onClick={() => setOpen(null)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
