import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DOCUMENT_FORM_LABELS } from '../../../common/api/procedures';
import { FormError, fieldError } from '../../components/FormError';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, todayInVietnam } from '../../lib/dates';
import { useDeadline } from '../calendar/api';
import { AttachmentsPanel } from './AttachmentsPanel';
import { type Intake, type ProcedureSummary, receiptUrl, useIntake, useProcedures } from './api';
import { CccdLineField } from './CccdLineField';
import { useFeeText, useLabel, useTimeLimitText } from './labels';

const EMPTY = { fullName: '', idNumber: '', phone: '', address: '' };

/** /ho-so/:communeCode/tiep-nhan — counter intake: procedure, applicant (CCCD QR), checklist, fee, due date. */
export function IntakePage() {
  const { t } = useTranslation();
  usePageTitle(t('intake.title'));
  const { communeCode = '' } = useParams();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const procedures = useProcedures(q.trim());
  const [procedure, setProcedure] = useState<ProcedureSummary | null>(null);
  const [applicant, setApplicant] = useState(EMPTY);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const intake = useIntake();
  const [result, setResult] = useState<Intake | null>(null);

  const options = procedures.data?.items ?? [];
  const data = [...(procedure && !options.some((p) => p.id === procedure.id) ? [procedure] : []), ...options];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!procedure) return;
    intake.mutate(
      {
        procedureId: procedure.id,
        applicant,
        receivingCommuneCode: communeCode,
        competentCommuneCode: communeCode,
        channel: 'counter',
        checklist: [...ticked].sort((a, b) => a - b).map((index) => ({ index, status: 'received' })),
      },
      { onSuccess: setResult },
    );
  };

  const reset = () => {
    setResult(null);
    setProcedure(null);
    setSearch('');
    setApplicant(EMPTY);
    setTicked(new Set());
    intake.reset();
  };

  if (result) return <Received result={result} communeCode={communeCode} onNext={reset} />;

  const set = (field: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value; // read now: the event is gone when the updater runs
    setApplicant((a) => ({ ...a, [field]: value }));
  };
  const err = (field: string) => fieldError(intake.error, `applicant.${field}`);
  const missing = procedure ? procedure.requiredDocuments.length - ticked.size : 0;

  return (
    <Stack gap="md">
      <Title order={1}>{t('intake.title')}</Title>
      <form onSubmit={submit} aria-label={t('intake.title')}>
        <Stack gap="md">
          <Select
            label={t('intake.procedure')}
            description={t('intake.procedureHint')}
            searchable
            required
            data={data.map((p) => ({ value: p.id, label: p.name }))}
            value={procedure?.id ?? null}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: o }) => o}
            nothingFoundMessage={t('intake.noProcedure')}
            onChange={(id) => {
              setProcedure(data.find((p) => p.id === id) ?? null);
              setTicked(new Set());
            }}
            limit={30}
            data-autofocus
          />
          {procedure && <ProcedureFacts procedure={procedure} />}
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('intake.applicant')}
            </Title>
            <Stack gap="sm">
              <CccdLineField
                label={t('intake.cccd')}
                description={t('intake.cccdHint')}
                onRead={(card) => setApplicant((a) => ({ ...a, ...card }))}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('dossier.fullName')}
                  value={applicant.fullName}
                  onChange={set('fullName')}
                  required
                  error={err('fullName')}
                />
                <TextInput
                  label={t('dossier.idNumber')}
                  value={applicant.idNumber}
                  onChange={set('idNumber')}
                  required
                  error={err('idNumber')}
                />
                <TextInput
                  label={t('dossier.phone')}
                  type="tel"
                  value={applicant.phone}
                  onChange={set('phone')}
                  required
                  error={err('phone')}
                />
                <TextInput
                  label={t('dossier.address')}
                  value={applicant.address}
                  onChange={set('address')}
                  required
                  error={err('address')}
                />
              </SimpleGrid>
            </Stack>
          </Paper>
          {procedure && (
            <Paper withBorder p="md">
              <Checkbox.Group
                label={t('intake.checklist')}
                description={t('intake.checklistHint')}
                value={[...ticked].map(String)}
                onChange={(values) => setTicked(new Set(values.map(Number)))}
              >
                <Stack gap="xs" mt="xs">
                  {procedure.requiredDocuments.map((doc, i) => (
                    <Checkbox
                      // biome-ignore lint/suspicious/noArrayIndexKey: the checklist is addressed by index
                      key={i}
                      value={String(i)}
                      label={doc.name}
                      description={<DocForm form={doc.form} count={doc.count} />}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
              {missing > 0 && (
                <Text size="sm" c="orange" mt="sm">
                  {t('intake.missing', { count: missing })}
                </Text>
              )}
            </Paper>
          )}
          {intake.isError && (
            <FormError
              error={intake.error}
              shown={(f) => /applicant\.(fullName|idNumber|phone|address)$/.test(f)}
            />
          )}
          <Button type="submit" w="fit-content" loading={intake.isPending} disabled={!procedure}>
            {t('intake.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

function DocForm({ form, count }: { form: keyof typeof DOCUMENT_FORM_LABELS; count: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  return <>{t('intake.docCount', { form: label(DOCUMENT_FORM_LABELS[form]), count })}</>;
}

function ProcedureFacts({ procedure }: { procedure: ProcedureSummary }) {
  const { t } = useTranslation();
  const feeText = useFeeText();
  const limitText = useTimeLimitText();
  const days = procedure.timeLimitWorkingDays;
  const deadline = useDeadline(days && days > 0 ? { from: todayInVietnam(), days } : null);
  return (
    <Paper withBorder p="md" data-testid="procedure-facts">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('intake.fee')}
          </Text>
          <Text fw={600}>{feeText(procedure.fee)}</Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('intake.timeLimit')}
          </Text>
          <Text fw={600}>{limitText(procedure.timeLimit)}</Text>
          {procedure.timeLimitNote && <Text size="xs">{procedure.timeLimitNote}</Text>}
        </Stack>
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('intake.expectedDue')}
          </Text>
          <Text fw={600}>
            {days === 0 ? formatDate(todayInVietnam()) : deadline.data ? formatDate(deadline.data.due) : '—'}
          </Text>
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function Received({
  result,
  communeCode,
  onNext,
}: {
  result: Intake;
  communeCode: string;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t('intake.received')}</Title>
      <Alert color="green" role="status" data-testid="intake-result">
        <Stack gap={4}>
          <Text fw={700} size="lg" data-testid="intake-code">
            {t('intake.receivedCode', { code: result.code })}
          </Text>
          {result.dueDate && (
            <Text>
              {t('dossier.dueDate')}: {formatDate(result.dueDate)}
            </Text>
          )}
        </Stack>
      </Alert>
      <Group>
        <Button component="a" href={receiptUrl(result.id)} target="_blank" rel="noopener" autoFocus>
          {t('dossier.receipt')}
        </Button>
        <Button component={Link} to={`/ho-so/chi-tiet/${result.id}`} variant="default">
          {t('intake.open')}
        </Button>
        <Button variant="subtle" onClick={onNext}>
          {t('intake.next')}
        </Button>
      </Group>
      {/* Số hóa at the counter: the scans go with the dossier just received. */}
      <Stack gap={4}>
        <Title order={2} size="h4">
          {t('attachments.afterIntake')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('attachments.afterIntakeHint')}
        </Text>
      </Stack>
      <AttachmentsPanel dossierId={result.id} communeCode={communeCode} bare />
    </Stack>
  );
}
