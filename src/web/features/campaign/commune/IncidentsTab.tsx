import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
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
import {
  formatDuration,
  type IncidentKind,
  type IncidentSeverity,
  type IncidentStatus,
} from '../../../../common/api/campaign-trials';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { LocalizedDates } from '../../../components/LocalizedDates';
import { MorePages } from '../../../components/MorePages';
import { formatDate, todayInVietnam } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import { useSession } from '../../auth/session';
import { DateField } from '../../calendar/DateField';
import { fieldErrorOf } from '../../meetings/errors';
import { holdsIn } from '../../workspace/access';
import type { CommuneTabProps } from '../CampaignPage';
import { NewItemCard, TrialSelect } from '../parts';
import {
  type IncidentFilters,
  instantOf,
  nowTimeInVietnam,
  useCreateIncident,
  useIncident,
  useIncidents,
  useReopenIncident,
  useResolveIncident,
  useUpdateIncident,
} from '../trials-api';

const KINDS: IncidentKind[] = ['network', 'equipment', 'software', 'staffing', 'procedure', 'other'];
const SEVERITIES: IncidentSeverity[] = ['low', 'medium', 'high', 'critical'];
const STATUSES: IncidentStatus[] = ['open', 'resolved'];
export const SEVERITY_COLOR: Record<IncidentSeverity, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "Sự cố": what broke, filterable by status, severity and kind; log one; resolve it with the time it took. */
export function IncidentsTab({ communeCode, provinceCode }: CommuneTabProps) {
  const { t, i18n } = useTranslation();
  const user = useSession().data;
  const canWrite = holdsIn(user, 'campaign.contribute', communeCode, provinceCode);
  const [filters, setFilters] = useState<IncidentFilters>({});
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const list = useIncidents(communeCode, filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const blocking = list.data?.pages[0]?.blocking ?? [];
  const lang = i18n.language === 'en' ? 'en' : 'vi';

  return (
    <LocalizedDates>
      <Stack data-testid="incidents-tab">
        {blocking.length > 0 && (
          <Alert
            color="red"
            title={t('campaignTrials.incidents.blockingTitle')}
            data-testid="incidents-blocking"
          >
            <List size="sm">
              {blocking.map((b) => (
                <List.Item key={b.id}>
                  <Anchor component="button" type="button" onClick={() => setSelected(b.id)}>
                    {b.title}
                  </Anchor>{' '}
                  ({t(`campaignTrials.severity.${b.severity}`)})
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end">
            <Select
              label={t('campaignTrials.incidents.status')}
              data={STATUSES.map((s) => ({ value: s, label: t(`campaignTrials.incidentStatus.${s}`) }))}
              value={filters.status ?? null}
              onChange={(v) => setFilters({ ...filters, status: (v as IncidentStatus) ?? undefined })}
              clearable
              placeholder={t('campaignTrials.all')}
              w={170}
              data-testid="incident-filter-status"
            />
            <Select
              label={t('campaignTrials.incidents.severity')}
              data={SEVERITIES.map((s) => ({ value: s, label: t(`campaignTrials.severity.${s}`) }))}
              value={filters.severity ?? null}
              onChange={(v) => setFilters({ ...filters, severity: (v as IncidentSeverity) ?? undefined })}
              clearable
              placeholder={t('campaignTrials.all')}
              w={170}
            />
            <Select
              label={t('campaignTrials.incidents.kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`campaignTrials.kind.${k}`) }))}
              value={filters.kind ?? null}
              onChange={(v) => setFilters({ ...filters, kind: (v as IncidentKind) ?? undefined })}
              clearable
              placeholder={t('campaignTrials.all')}
              w={190}
            />
          </Group>
          {canWrite && !creating && (
            <Button onClick={() => setCreating(true)} data-testid="incident-new">
              {t('campaignTrials.incidents.new')}
            </Button>
          )}
        </Group>
        {creating && (
          <IncidentForm
            communeCode={communeCode}
            onClose={(id) => {
              setCreating(false);
              if (id) setSelected(id);
            }}
          />
        )}
        {list.isPending ? (
          <Loading />
        ) : items.length === 0 && !list.isError ? (
          <Text c="dimmed">{t('campaignTrials.incidents.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover data-testid="incidents-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('campaignTrials.incidents.occurredAt')}</Table.Th>
                  <Table.Th>{t('campaignTrials.incidents.title')}</Table.Th>
                  <Table.Th>{t('campaignTrials.incidents.kind')}</Table.Th>
                  <Table.Th>{t('campaignTrials.incidents.severity')}</Table.Th>
                  <Table.Th>{t('campaignTrials.incidents.status')}</Table.Th>
                  <Table.Th>{t('campaignTrials.incidents.timeToResolve')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={i.id} onClick={() => setSelected(i.id)} style={{ cursor: 'pointer' }}>
                    <Table.Td>{formatDateTime(i.occurredAt).slice(0, 16)}</Table.Td>
                    <Table.Td>
                      <Anchor component="button" type="button" ta="left" onClick={() => setSelected(i.id)}>
                        {i.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`campaignTrials.kind.${i.kind}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={SEVERITY_COLOR[i.severity]} miw="max-content">
                        {t(`campaignTrials.severity.${i.severity}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={i.status === 'open' ? (i.blocking ? 'red' : 'blue') : 'green'}
                        variant="light"
                        miw="max-content"
                      >
                        {t(`campaignTrials.incidentStatus.${i.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {i.minutesToResolve === null ? '—' : formatDuration(i.minutesToResolve, lang)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <MorePages query={list} />
        {selected && <IncidentSection id={selected} communeCode={communeCode} canWrite={canWrite} />}
      </Stack>
    </LocalizedDates>
  );
}

function IncidentForm({ communeCode, onClose }: { communeCode: string; onClose: (id?: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateIncident(communeCode);
  const [kind, setKind] = useState<IncidentKind>('network');
  const [severity, setSeverity] = useState<IncidentSeverity>('medium');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [date, setDate] = useState<string | null>(todayInVietnam());
  const [time, setTime] = useState(nowTimeInVietnam());
  const [trialId, setTrialId] = useState<string | null>(null);
  const [reportedBy, setReportedBy] = useState('');
  const err = (field: string) => fieldErrorOf(create.error, field);
  const timeOk = TIME.test(time);

  const submit = () => {
    if (!date || !timeOk) return;
    create.mutate(
      {
        kind,
        severity,
        title,
        description: description.trim() || null,
        occurredAt: instantOf(date, time),
        trialId,
        reportedBy: reportedBy.trim() || null,
      },
      { onSuccess: (i) => onClose(i.id) },
    );
  };

  return (
    <NewItemCard
      name="incident"
      title={t('campaignTrials.incidents.new')}
      mutation={create}
      err={err}
      onSubmit={submit}
      onCancel={onClose}
      disabled={!date || !timeOk}
    >
      <Group grow align="flex-start">
        <Select
          label={t('campaignTrials.incidents.kind')}
          data={KINDS.map((k) => ({ value: k, label: t(`campaignTrials.kind.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as IncidentKind)}
          allowDeselect={false}
          data-testid="incident-kind"
        />
        <Select
          label={t('campaignTrials.incidents.severity')}
          description={t('campaignTrials.incidents.severityHint')}
          data={SEVERITIES.map((s) => ({ value: s, label: t(`campaignTrials.severity.${s}`) }))}
          value={severity}
          onChange={(v) => v && setSeverity(v as IncidentSeverity)}
          allowDeselect={false}
          data-testid="incident-severity"
        />
      </Group>
      <TextInput
        label={t('campaignTrials.incidents.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
        error={err('title')}
        data-testid="incident-title"
      />
      <Textarea
        label={t('campaignTrials.incidents.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
        error={err('description')}
      />
      <Group grow align="flex-start">
        <DateField
          label={t('campaignTrials.incidents.occurredDate')}
          value={date}
          onChange={setDate}
          error={err('occurredAt')}
        />
        <TextInput
          label={t('campaignTrials.incidents.occurredTime')}
          value={time}
          onChange={(e) => setTime(e.currentTarget.value)}
          placeholder="HH:mm"
          error={!timeOk ? t('campaignTrials.timeFormat') : undefined}
        />
      </Group>
      <Group grow align="flex-start">
        <TrialSelect
          communeCode={communeCode}
          label={t('campaignTrials.incidents.trial')}
          value={trialId}
          onChange={setTrialId}
          error={err('trialId')}
        />
        <TextInput
          label={t('campaignTrials.incidents.reportedBy')}
          description={t('campaignTrials.incidents.reportedByHint')}
          value={reportedBy}
          onChange={(e) => setReportedBy(e.currentTarget.value)}
          error={err('reportedBy')}
        />
      </Group>
    </NewItemCard>
  );
}

function IncidentSection({
  id,
  communeCode,
  canWrite,
}: {
  id: string;
  communeCode: string;
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const incident = useIncident(id);
  if (incident.isPending) return <Loading />;
  if (incident.isError) return <ErrorAlert error={incident.error} onRetry={() => void incident.refetch()} />;
  const i = incident.data;
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Card withBorder component="section" aria-labelledby="incident-title" data-testid="incident-section">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} id="incident-title">
            {i.title}
          </Title>
          <Group gap={4}>
            <Badge color={SEVERITY_COLOR[i.severity]}>{t(`campaignTrials.severity.${i.severity}`)}</Badge>
            <Badge color={i.status === 'open' ? 'blue' : 'green'} variant="light">
              {t(`campaignTrials.incidentStatus.${i.status}`)}
            </Badge>
          </Group>
        </Group>
        {i.blocking && <Alert color="red">{t('campaignTrials.incidents.blocksGoLive')}</Alert>}
        {canWrite && (
          <SeverityChange communeCode={communeCode} id={i.id} version={i.version} severity={i.severity} />
        )}
        <Text size="sm">
          {t(`campaignTrials.kind.${i.kind}`)} · {t('campaignTrials.incidents.occurredAt')}:{' '}
          {formatDateTime(i.occurredAt)}
          {i.reportedBy ? ` · ${t('campaignTrials.incidents.reportedBy')}: ${i.reportedBy}` : ''}
          {i.trialDate ? ` · ${t('campaignTrials.incidents.trial')}: ${formatDate(i.trialDate)}` : ''}
        </Text>
        {i.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {i.description}
          </Text>
        )}
        {i.status === 'resolved' && (
          <Alert
            color="green"
            title={t('campaignTrials.incidents.resolvedTitle')}
            data-testid="incident-resolved"
          >
            <Text size="sm">
              {t('campaignTrials.incidents.resolvedLine', {
                who: i.resolvedBy,
                at: formatDateTime(i.resolvedAt ?? ''),
                duration: formatDuration(i.minutesToResolve ?? 0, lang),
              })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {i.resolution}
            </Text>
          </Alert>
        )}
        {i.history.length > 0 && (
          <List size="xs" c="dimmed">
            {i.history.map((h) => (
              <List.Item key={`${h.at}${h.action}`}>
                {formatDateTime(h.at)} — {h.actorName}:{' '}
                {t(`campaignTrials.incidents.action.${h.action.replace('campaign.incident.', '')}`, {
                  defaultValue: h.action,
                })}
                {h.reason ? ` (${h.reason})` : ''}
              </List.Item>
            ))}
          </List>
        )}
        {canWrite && i.status === 'open' && (
          <ResolveForm communeCode={communeCode} id={i.id} version={i.version} occurredAt={i.occurredAt} />
        )}
        {canWrite && i.status === 'resolved' && (
          <ReopenForm communeCode={communeCode} id={i.id} version={i.version} />
        )}
      </Stack>
    </Card>
  );
}

/** Raise or lower the severity (high and critical block go-live while open). */
function SeverityChange({
  communeCode,
  id,
  version,
  severity,
}: {
  communeCode: string;
  id: string;
  version: number;
  severity: IncidentSeverity;
}) {
  const { t } = useTranslation();
  const update = useUpdateIncident(communeCode, id);
  return (
    <Stack gap={4}>
      <Select
        label={t('campaignTrials.incidents.changeSeverity')}
        data={SEVERITIES.map((s) => ({ value: s, label: t(`campaignTrials.severity.${s}`) }))}
        value={severity}
        onChange={(v) => v && v !== severity && update.mutate({ version, severity: v as IncidentSeverity })}
        allowDeselect={false}
        disabled={update.isPending}
        w={220}
        data-testid="incident-change-severity"
      />
      {update.isError && <ErrorAlert error={update.error} />}
    </Stack>
  );
}

function ResolveForm({
  communeCode,
  id,
  version,
  occurredAt,
}: {
  communeCode: string;
  id: string;
  version: number;
  occurredAt: string;
}) {
  const { t, i18n } = useTranslation();
  const resolve = useResolveIncident(communeCode, id);
  const [who, setWho] = useState('');
  const [date, setDate] = useState<string | null>(todayInVietnam());
  const [time, setTime] = useState(nowTimeInVietnam());
  const [resolution, setResolution] = useState('');
  const err = (field: string) => fieldErrorOf(resolve.error, field);
  const timeOk = TIME.test(time);
  const minutes =
    date && timeOk ? Math.floor((Date.parse(instantOf(date, time)) - Date.parse(occurredAt)) / 60_000) : null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!date || !timeOk) return;
        resolve.mutate({ version, resolvedBy: who, resolvedAt: instantOf(date, time), resolution });
      }}
      noValidate
      data-testid="incident-resolve"
    >
      <Stack gap="xs">
        <Title order={4}>{t('campaignTrials.incidents.resolve')}</Title>
        <TextInput
          label={t('campaignTrials.incidents.resolvedBy')}
          description={t('campaignTrials.incidents.resolvedByHint')}
          value={who}
          onChange={(e) => setWho(e.currentTarget.value)}
          error={err('resolvedBy')}
          data-testid="incident-resolved-by"
        />
        <Group grow align="flex-start">
          <DateField
            label={t('campaignTrials.incidents.resolvedDate')}
            value={date}
            onChange={setDate}
            error={err('resolvedAt')}
          />
          <TextInput
            label={t('campaignTrials.incidents.resolvedTime')}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            error={!timeOk ? t('campaignTrials.timeFormat') : undefined}
            data-testid="incident-resolved-time"
          />
        </Group>
        {minutes !== null && minutes >= 0 && (
          <Text size="sm" c="dimmed">
            {t('campaignTrials.incidents.willTake', {
              duration: formatDuration(minutes, i18n.language === 'en' ? 'en' : 'vi'),
            })}
          </Text>
        )}
        <Textarea
          label={t('campaignTrials.incidents.resolution')}
          value={resolution}
          onChange={(e) => setResolution(e.currentTarget.value)}
          autosize
          minRows={2}
          error={err('resolution')}
          data-testid="incident-resolution"
        />
        {resolve.isError && !err('resolvedBy') && !err('resolvedAt') && !err('resolution') && (
          <ErrorAlert error={resolve.error} />
        )}
        <Button type="submit" w="fit-content" loading={resolve.isPending} data-testid="incident-resolve-save">
          {t('campaignTrials.incidents.resolveConfirm')}
        </Button>
      </Stack>
    </form>
  );
}

function ReopenForm({ communeCode, id, version }: { communeCode: string; id: string; version: number }) {
  const { t } = useTranslation();
  const reopen = useReopenIncident(communeCode, id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const err = fieldErrorOf(reopen.error, 'reason');
  if (!open)
    return (
      <Button variant="default" w="fit-content" onClick={() => setOpen(true)}>
        {t('campaignTrials.incidents.reopen')}
      </Button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        reopen.mutate({ version, reason }, { onSuccess: () => setOpen(false) });
      }}
      noValidate
    >
      <Stack gap="xs">
        <Textarea
          label={t('campaignTrials.incidents.reopenReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={err}
        />
        {reopen.isError && !err && <ErrorAlert error={reopen.error} />}
        <Group>
          <Button type="submit" loading={reopen.isPending}>
            {t('campaignTrials.incidents.reopen')}
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
