import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { OFFICIAL_ACTIONS } from '../../../common/api/dossiers';
import { foldVietnamese } from '../../../common/text';
import { ApiError } from '../../api/client';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, parseDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import { useCommune, useProvinceCommunes } from '../map/api';
import { useRememberCommune } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { AttachmentsPanel } from './AttachmentsPanel';
import {
  type AssigneeChoices,
  type DossierView,
  receiptUrl,
  slipUrl,
  useAssigneeOptions,
  useDossier,
  useDossierAction,
} from './api';
import { LATENESS_COLOR } from './format';
import { useLabel } from './labels';
import { StepsPanel } from './StepsPanel';

type Action = (typeof OFFICIAL_ACTIONS)[number];
const isAction = (a: string): a is Action => (OFFICIAL_ACTIONS as readonly string[]).includes(a);
/** Chosen from the commune's specialists (GET /dossiers/{id}/assignees). */
const NEEDS_ASSIGNEE: readonly Action[] = ['assign', 'reassign'];
const NEEDS_REASON: readonly Action[] = [
  'reassign',
  'refuse_intake',
  'request_supplement',
  'request_payment',
  'send_back',
  'reject',
  'withdraw',
  'transfer',
  'extend',
  'record_apology',
];
const NEEDS_DATE: readonly Action[] = ['extend', 'record_apology'];

/** /ho-so/chi-tiet/:id — one dossier: applicant, status, due date, history, one button per allowed action. */
export function DossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const dossier = useDossier(id);
  usePageTitle(dossier.data?.code ?? t('dossier.title'));
  useRememberCommune(dossier.data?.communeCode);
  if (dossier.isPending) return <Loading />;
  if (dossier.isError) return <PageError error={dossier.error} onRetry={() => void dossier.refetch()} />;
  return <DossierDetail dossier={dossier.data} />;
}

function DossierDetail({ dossier: d }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const label = useLabel();
  const level = d.lateness?.level ?? 'none';
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/ho-so/${d.communeCode}`} size="sm">
        {t('dossier.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} data-testid="dossier-code">
            {d.code}
          </Title>
          <Text>{d.procedure.name}</Text>
        </Stack>
        <Group gap="xs">
          {[
            { href: receiptUrl(d.id), label: t('dossier.receipt') },
            { href: slipUrl(d.id, 'control'), label: t('dossier.slips.control') },
            ...(d.history.some((h) => h.action === 'record_apology')
              ? [{ href: slipUrl(d.id, 'apology'), label: t('dossier.slips.apology') }]
              : []),
          ].map((slip) => (
            <Button
              key={slip.href}
              component="a"
              href={slip.href}
              target="_blank"
              rel="noopener"
              variant="default"
            >
              {slip.label}
            </Button>
          ))}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('dossier.applicant')}
          </Title>
          <dl style={{ margin: 0 }}>
            <Field term={t('dossier.fullName')} value={d.applicant.fullName} />
            <Field term={t('dossier.idNumber')} value={d.applicant.idNumber} />
            <Field term={t('dossier.phone')} value={d.applicant.phone} />
            <Field term={t('dossier.address')} value={d.applicant.address} />
          </dl>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('dossier.status')}
          </Title>
          <dl style={{ margin: 0 }}>
            <Field
              term={t('dossier.status')}
              value={t('dossier.statusWithCode', { label: label(d.statusLabel), code: d.nationalStatusCode })}
              testId="dossier-status"
            />
            <Field term={t('dossier.receivedAt')} value={formatDateTime(d.receivedAt)} />
            <Field term={t('dossier.dueDate')} value={d.dueDate ? formatDate(d.dueDate) : '—'} />
          </dl>
          {d.lateness && (
            <Group gap="xs" mt="xs">
              <Badge color={LATENESS_COLOR[level]} variant="light">
                {t(`dossier.lateness.${level}`)}
              </Badge>
              <Text size="sm">
                {d.lateness.remainingWorkingDays >= 0
                  ? t('dossier.remaining', { count: d.lateness.remainingWorkingDays })
                  : t('dossier.remainingLate', { count: -d.lateness.remainingWorkingDays })}
              </Text>
              {d.lateness.paused && <Text size="sm">{t('dossier.paused')}</Text>}
            </Group>
          )}
          {d.transferredFrom && (
            <Text size="sm" mt="xs" data-testid="transferred-from">
              {t('dossier.transferredFrom')}{' '}
              <Anchor component={Link} to={`/ho-so/chi-tiet/${d.transferredFrom.id}`}>
                {d.transferredFrom.code}
              </Anchor>
            </Text>
          )}
          {d.continuedAs && (
            <Text size="sm" mt="xs" data-testid="continued-as">
              {t('dossier.continuedAs')}{' '}
              <Anchor component={Link} to={`/ho-so/chi-tiet/${d.continuedAs.id}`}>
                {d.continuedAs.code}
              </Anchor>
            </Text>
          )}
          {d.countsAsLate && (
            <Text size="sm" c="red" mt="xs">
              {t('dossier.countsAsLate')}
            </Text>
          )}
        </Paper>
      </SimpleGrid>
      <Actions dossier={d} />
      <StepsPanel dossier={d} />
      <AttachmentsPanel
        dossierId={d.id}
        communeCode={d.communeCode}
        receivingCommuneCode={d.receivingCommuneCode}
        closed={d.closedAt !== null}
      />
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('dossier.history')}
        </Title>
        <Timeline active={d.history.length - 1} bulletSize={14} lineWidth={2} data-testid="history">
          {d.history.map((h) => (
            <Timeline.Item key={h.seq} title={label(h.label)}>
              <Text size="sm" c="dimmed">
                {formatDateTime(h.at)}
              </Text>
              {h.reason && <Text size="sm">{t('dossier.reasonBy', { reason: h.reason })}</Text>}
              {h.note && <Text size="sm">{h.note}</Text>}
              {h.items && h.items.length > 0 && (
                <Text size="sm">{t('dossier.itemsBy', { items: h.items.join('; ') })}</Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
    </Stack>
  );
}

function Field({ term, value, testId }: { term: string; value: string; testId?: string }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text component="dt" size="sm" c="dimmed" miw={130}>
        {term}
      </Text>
      <Text component="dd" m={0} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

function Actions({ dossier: d }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const act = useDossierAction(d.id);
  const [chosen, setChosen] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [items, setItems] = useState('');
  const [date, setDate] = useState('');
  const [toCommune, setToCommune] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const actions = d.nextActions.filter(isAction);
  const conflict = act.error instanceof ApiError && act.error.status === 409;
  const options = useAssigneeOptions(d.id, chosen !== null && NEEDS_ASSIGNEE.includes(chosen));
  const level = d.lateness?.level;
  const apologyDue =
    actions.includes('record_apology') &&
    !d.countsAsLate &&
    (level === 'overdue' || level === 'due_today' || level === 'due_soon');

  const send = (action: Action) => {
    setDone(null);
    act.mutate(
      {
        action,
        version: d.version,
        reason: reason.trim() || undefined,
        items:
          action === 'request_supplement'
            ? items
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean)
            : undefined,
        newDueDate: NEEDS_DATE.includes(action) ? (parseDate(date) ?? undefined) : undefined,
        toCommuneCode: action === 'transfer' ? toCommune.trim() || undefined : undefined,
        assigneeId: NEEDS_ASSIGNEE.includes(action) ? (assignee ?? undefined) : undefined,
      },
      {
        onSuccess: () => {
          setDone(t('dossier.done', { action: t(`dossier.action.${action}`) }));
          setChosen(null);
          setReason('');
          setItems('');
          setDate('');
          setToCommune('');
          setAssignee(null);
        },
      },
    );
  };

  const choose = (action: Action) => {
    act.reset();
    setDone(null);
    if (NEEDS_REASON.includes(action) || NEEDS_ASSIGNEE.includes(action)) setChosen(action);
    else send(action);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) send(chosen);
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('dossier.actionsTitle')}
      </Title>
      <Stack gap="sm">
        {apologyDue && level && (
          <Alert color={level === 'overdue' ? 'red' : 'orange'} data-testid="apology-prompt">
            <Group justify="space-between" gap="xs">
              <Text size="sm">{t(`dossier.apologyPrompt.${level}`)}</Text>
              <Button size="xs" color="red" variant="light" onClick={() => choose('record_apology')}>
                {t('dossier.apologyPrompt.button')}
              </Button>
            </Group>
          </Alert>
        )}
        {actions.length === 0 ? (
          <Text size="sm">{t('dossier.noActions')}</Text>
        ) : (
          <Group gap="xs">
            {actions.map((a) => (
              <Button
                key={a}
                variant={chosen === a ? 'filled' : 'light'}
                onClick={() => choose(a)}
                loading={act.isPending && act.variables?.action === a}
              >
                {t(`dossier.action.${a}`)}
              </Button>
            ))}
          </Group>
        )}
        {chosen && (
          <form onSubmit={submit} aria-label={t(`dossier.action.${chosen}`)}>
            <Stack gap="sm" maw={560}>
              {NEEDS_ASSIGNEE.includes(chosen) && (
                <AssigneeField options={options.data} value={assignee} onChange={setAssignee} />
              )}
              {NEEDS_REASON.includes(chosen) && (
                <Textarea
                  label={t('dossier.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  required
                  autosize
                  minRows={2}
                  data-autofocus
                />
              )}
              {chosen === 'request_supplement' && (
                <Textarea
                  label={t('dossier.items')}
                  value={items}
                  onChange={(e) => setItems(e.currentTarget.value)}
                  required
                  autosize
                  minRows={2}
                />
              )}
              {NEEDS_DATE.includes(chosen) && (
                <TextInput
                  label={t('dossier.newDueDate')}
                  description={t('common.dateFormatHint')}
                  value={date}
                  onChange={(e) => setDate(e.currentTarget.value)}
                  required
                />
              )}
              {chosen === 'transfer' && (
                <TransferTarget communeCode={d.communeCode} value={toCommune} onChange={setToCommune} />
              )}
              <Group gap="xs">
                <Button type="submit" loading={act.isPending}>
                  {t('dossier.confirm')}
                </Button>
                <Button variant="default" onClick={() => setChosen(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {done && (
          <Alert color="green" role="status">
            {done}
          </Alert>
        )}
        {conflict ? (
          <Alert color="orange" role="alert" data-testid="conflict">
            {t('dossier.conflict')}
          </Alert>
        ) : (
          act.isError && <FormError error={act.error} shown={() => false} />
        )}
      </Stack>
    </Paper>
  );
}

function AssigneeField({
  options,
  value,
  onChange,
}: {
  options: AssigneeChoices | undefined;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  if (!options) return <Loading />;
  const a = options.assignment;
  return (
    <Stack gap={4}>
      <Select
        label={t('dossier.assign.assignee')}
        data={options.candidates.map((c) => ({
          value: c.accountId,
          label: t('dossier.assign.option', { name: c.displayName, count: c.openDossiers }),
        }))}
        value={value}
        onChange={onChange}
        searchable
        required
        data-autofocus
        nothingFoundMessage={t('dossier.assign.noSpecialist')}
      />
      {a?.inCharge && (
        <Text size="sm" c="dimmed" data-testid="assignment-hint">
          {t('dossier.assign.inCharge', {
            number: a.announcementNumber ?? '',
            person: a.inCharge,
            area: a.areaLabel,
          })}
        </Text>
      )}
      {options.candidates.length === 0 && (
        <Text size="sm" c="red">
          {t('dossier.assign.noSpecialist')}
        </Text>
      )}
    </Stack>
  );
}

/** The competent commune to transfer to: a commune of the same province, searched by name (with or without diacritics). */
function TransferTarget({
  communeCode,
  value,
  onChange,
}: {
  communeCode: string;
  value: string;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  const here = useCommune(communeCode);
  const communes = useProvinceCommunes(here.data?.province.code ?? '');
  const options = (communes.data?.items ?? [])
    .filter((c) => c.code !== communeCode)
    .map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));
  return (
    <Select
      label={t('dossier.toCommune')}
      data={options}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      required
      filter={({ options: list, search }) => {
        const q = foldVietnamese(search);
        return list.filter((o) => 'label' in o && foldVietnamese(o.label).includes(q));
      }}
      nothingFoundMessage={t('dossier.noCommune')}
    />
  );
}
