import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  DOCUMENT_FORM_LABELS,
  DOCUMENT_FORMS,
  PROCEDURE_DOMAIN_LABELS,
  type Procedure,
  type RequiredDocument,
  type TimeLimit,
} from '../../../common/api/procedures';
import { ApiError } from '../../api/client';
import { FormError, fieldError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../lib/datetime';
import { useSession } from '../auth/session';
import { useFeeText, useLabel, useTimeLimitText } from '../dossiers/labels';
import { isAdmin } from '../workspace/access';
import { PageError } from '../workspace/PageError';
import { Refusal } from '../workspace/Refusal';
import { type ProcedureDetail, useProcedure, useUpdateProcedure } from './api';
import { ChangeList } from './ChangeList';
import { ConfirmedBadge } from './ProceduresPage';

/** /quan-tri/thu-tuc/:id — one procedure: what it says now, a form for the common fields, its versions. */
export function ProcedurePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useSession().data;
  const detail = useProcedure(id);
  // Here, not in the form: the form starts afresh from each new version, the answer of the save stays.
  const save = useUpdateProcedure(id);
  usePageTitle(detail.data?.name ?? t('catalogue.title'));

  if (!isAdmin(user)) return <Refusal />;
  if (detail.isError) return <PageError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Loading />;
  const p = detail.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/quan-tri/thu-tuc" size="sm">
        {t('catalogue.back')}
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={1}>{p.name}</Title>
        <Badge variant="light">{t('catalogue.versionN', { version: p.version })}</Badge>
        <ConfirmedBadge confirmed={p.confirmed} />
      </Group>
      <Facts p={p} />
      <EditForm key={p.version} p={p} save={save} onReload={() => void detail.refetch()} />
      <History p={p} />
    </Stack>
  );
}

function Facts({ p }: { p: ProcedureDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const feeText = useFeeText();
  const limitText = useTimeLimitText();
  const rows: [string, ReactNode][] = [
    [t('catalogue.nationalCode'), p.nationalCode ?? '—'],
    [t('catalogue.domain'), label(PROCEDURE_DOMAIN_LABELS[p.domain])],
    [t('catalogue.timeLimit'), [limitText(p.timeLimit), p.timeLimitNote].filter(Boolean).join(' — ')],
    [t('catalogue.fee'), feeText(p.fee)],
    [t('catalogue.result'), p.resultDocument],
    [t('catalogue.fullyOnline'), p.fullyOnline ? t('catalogue.yes') : t('catalogue.no')],
    ...(p.outsideWorkflow
      ? ([
          [t('catalogue.outsideWorkflowLabel'), `${p.outsideWorkflow.agency}. ${p.outsideWorkflow.note}`],
        ] as [string, ReactNode][])
      : []),
    [
      t('catalogue.legalBasis'),
      <List size="sm" key="legal">
        {p.data.legalBasis.map((l) => (
          <List.Item key={l}>{l}</List.Item>
        ))}
      </List>,
    ],
  ];
  return (
    <Paper withBorder p="md">
      <Table variant="vertical" layout="fixed" data-testid="procedure-facts">
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={220}>{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {p.confirmed.note && (
        <Alert color="yellow" mt="sm" title={t('catalogue.confirmed.unconfirmed')}>
          {p.confirmed.note}
        </Alert>
      )}
    </Paper>
  );
}

const TIME_LIMIT_KINDS: TimeLimit['kind'][] = ['same_day', 'working_days', 'working_hours'];

function limitOf(kind: TimeLimit['kind'], value: number): TimeLimit {
  if (kind === 'same_day') return { kind };
  return kind === 'working_days' ? { kind, days: value } : { kind, hours: value };
}

/** The common fields; the rest (steps, legal basis, fee of other kinds) stay as they are, edited by import. */
interface EditFormProps {
  p: ProcedureDetail;
  save: ReturnType<typeof useUpdateProcedure>;
  onReload: () => void;
}

function EditForm({ p, save, onReload }: EditFormProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const [name, setName] = useState(p.data.name);
  const [limitKind, setLimitKind] = useState<TimeLimit['kind']>(p.data.timeLimit.kind);
  const [limitValue, setLimitValue] = useState<number>(
    p.data.timeLimit.kind === 'working_days'
      ? p.data.timeLimit.days
      : p.data.timeLimit.kind === 'working_hours'
        ? p.data.timeLimit.hours
        : 1,
  );
  const fee = p.data.fee;
  const [feeAmount, setFeeAmount] = useState<number>(
    fee.kind === 'fixed' || fee.kind === 'per_copy' ? fee.amount : 0,
  );
  const [documents, setDocuments] = useState<RequiredDocument[]>(p.data.requiredDocuments);
  const [fullyOnline, setFullyOnline] = useState(p.data.fullyOnline);
  const [reason, setReason] = useState('');
  const err = (field: string) => fieldError(save.error, `data.${field}`);
  const setDoc = (i: number, patch: Partial<RequiredDocument>) =>
    setDocuments((list) => list.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const data: Procedure = {
      ...p.data,
      name: name.trim(),
      timeLimit: limitOf(limitKind, limitValue),
      fee: fee.kind === 'fixed' || fee.kind === 'per_copy' ? { ...fee, amount: feeAmount } : fee,
      requiredDocuments: documents.map((d) => ({
        name: d.name.trim(),
        form: d.form,
        count: d.count,
        ...(d.note?.trim() ? { note: d.note.trim() } : {}),
      })),
      fullyOnline,
    };
    save.mutate({ expectedVersion: p.version, reason: reason.trim() || undefined, data });
  };
  const conflict = save.error instanceof ApiError && save.error.status === 409;

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="edit-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="edit-heading">
          {t('catalogue.edit.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('catalogue.edit.intro', { version: p.version })}
        </Text>
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('catalogue.edit.saved', { version: save.data.version })}
          </Alert>
        )}
        <TextInput
          label={t('catalogue.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={err('name')}
          required
        />
        <Group align="flex-start">
          <Select
            label={t('catalogue.timeLimit')}
            data={TIME_LIMIT_KINDS.map((k) => ({ value: k, label: t(`catalogue.limitKind.${k}`) }))}
            value={limitKind}
            onChange={(v) => v && setLimitKind(v as TimeLimit['kind'])}
            allowDeselect={false}
            w={220}
          />
          {limitKind !== 'same_day' && (
            <NumberInput
              label={t(limitKind === 'working_days' ? 'catalogue.days' : 'catalogue.hours')}
              value={limitValue}
              onChange={(v) => setLimitValue(Number(v) || 0)}
              min={1}
              allowDecimal={false}
              error={err('timeLimit.days') ?? err('timeLimit.hours')}
              w={140}
            />
          )}
        </Group>
        {fee.kind === 'fixed' || fee.kind === 'per_copy' ? (
          <NumberInput
            label={t(fee.kind === 'fixed' ? 'catalogue.feeAmount' : 'catalogue.feePerCopy')}
            value={feeAmount}
            onChange={(v) => setFeeAmount(Number(v) || 0)}
            min={0}
            allowDecimal={false}
            thousandSeparator="."
            decimalSeparator=","
            suffix=" đ"
            error={err('fee.amount')}
            w={220}
          />
        ) : (
          <Text size="sm">{t('catalogue.edit.feeByImport')}</Text>
        )}
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('catalogue.documents')}
          </Text>
          {documents.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, their position is their identity
            <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
              <TextInput
                aria-label={t('catalogue.docName', { n: i + 1 })}
                value={d.name}
                onChange={(e) => setDoc(i, { name: e.currentTarget.value })}
                error={err(`requiredDocuments.${i}.name`)}
                style={{ flex: 3 }}
              />
              <Select
                aria-label={t('catalogue.docForm', { n: i + 1 })}
                data={DOCUMENT_FORMS.map((f) => ({ value: f, label: label(DOCUMENT_FORM_LABELS[f]) }))}
                value={d.form}
                onChange={(v) => v && setDoc(i, { form: v as RequiredDocument['form'] })}
                allowDeselect={false}
                style={{ flex: 1.5 }}
              />
              <NumberInput
                aria-label={t('catalogue.docCount', { n: i + 1 })}
                value={d.count}
                onChange={(v) => setDoc(i, { count: Number(v) || 1 })}
                min={1}
                max={20}
                allowDecimal={false}
                error={err(`requiredDocuments.${i}.count`)}
                w={80}
              />
              <TextInput
                aria-label={t('catalogue.docNote', { n: i + 1 })}
                placeholder={t('common.note')}
                value={d.note ?? ''}
                onChange={(e) => setDoc(i, { note: e.currentTarget.value })}
                style={{ flex: 2 }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('catalogue.docRemove', { n: i + 1 })}
                onClick={() => setDocuments((list) => list.filter((_, j) => j !== i))}
                disabled={documents.length === 1}
                mt={6}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="default"
            size="xs"
            w="fit-content"
            onClick={() => setDocuments((list) => [...list, { name: '', form: 'original', count: 1 }])}
          >
            {t('catalogue.docAdd')}
          </Button>
        </Stack>
        <Switch
          label={t('catalogue.fullyOnline')}
          checked={fullyOnline}
          onChange={(e) => setFullyOnline(e.currentTarget.checked)}
        />
        <TextInput
          label={t('catalogue.edit.reason')}
          description={t('catalogue.edit.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={500}
        />
        {save.isError && (
          <FormError
            error={save.error}
            shown={(f) =>
              /^(body\.)?data\.(name|timeLimit\.|fee\.amount|requiredDocuments\.\d+\.(name|count))/.test(f)
            }
          />
        )}
        {conflict && (
          <Button variant="default" w="fit-content" onClick={onReload}>
            {t('catalogue.edit.reload')}
          </Button>
        )}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {t('catalogue.edit.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

function History({ p }: { p: ProcedureDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="history-heading">
      <Title order={2} size="h3" id="history-heading">
        {t('catalogue.history')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="procedure-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('catalogue.version')}</Table.Th>
              <Table.Th scope="col">{t('catalogue.when')}</Table.Th>
              <Table.Th scope="col">{t('catalogue.by')}</Table.Th>
              <Table.Th scope="col">{t('catalogue.whatChanged')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...p.versions].reverse().map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                <Table.Td>{v.createdBy}</Table.Td>
                <Table.Td>
                  {v.reason && <Text size="sm">{v.reason}</Text>}
                  {v.version === 1 ? (
                    <Text size="sm" c="dimmed">
                      {t('catalogue.firstVersion')}
                    </Text>
                  ) : (
                    <ChangeList changes={v.changes} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed">
        {t('catalogue.versionsKept')}
      </Text>
    </Stack>
  );
}
