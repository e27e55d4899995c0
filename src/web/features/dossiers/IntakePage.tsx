import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { IntakeRequest } from '../../../common/api/dossiers';
import { FormError, fieldError } from '../../components/FormError';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, todayInVietnam } from '../../lib/dates';
import { useDeadline } from '../calendar/api';
import { AttachmentsPanel } from './AttachmentsPanel';
import { type Intake, type ProcedureSummary, receiptUrl, useIntake, useProcedures } from './api';
import { CccdLineField } from './CccdLineField';
import { IntakeAddressSuggestion } from './IntakeAddressSuggestion';
import { type IntakeAnswers, IntakeChecklist, missingIndexes } from './IntakeChecklist';
import { IntakeCompetentCommune } from './IntakeCommuneSelect';
import { IntakeGuidance } from './IntakeGuidance';
import { useGuidanceSlip } from './intake-api';
import { useFeeText, useTimeLimitText } from './labels';
import { RehearsalBand } from './Rehearsal';
import { useRehearsalMode } from './rehearsal-api';

const EMPTY = { fullName: '', idNumber: '', phone: '', address: '' };

/**
 * /ho-so/:communeCode/tiep-nhan — counter intake: procedure, applicant (CCCD QR line, the old address's new
 * commune suggested), the competent commune (this one or another of the province), the checklist (received, not
 * applicable, missing), fee and due date. Complete: received with its appointment slip. Something missing: no
 * dossier, the supplement-guidance slip for exactly what is missing.
 */
export function IntakePage() {
  const { t } = useTranslation();
  usePageTitle(t('intake.title'));
  const { communeCode = '' } = useParams();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const procedures = useProcedures(q.trim());
  const [procedure, setProcedure] = useState<ProcedureSummary | null>(null);
  const [applicant, setApplicant] = useState(EMPTY);
  const [cardAddress, setCardAddress] = useState<string | null>(null);
  const [competent, setCompetent] = useState(communeCode);
  // Another centre chosen in the workspace: its own commune handles the dossier unless told otherwise.
  useEffect(() => setCompetent(communeCode), [communeCode]);
  const [answers, setAnswers] = useState<IntakeAnswers>({});
  const intake = useIntake();
  const guidance = useGuidanceSlip();
  const [result, setResult] = useState<Intake | null>(null);
  const [slip, setSlip] = useState<{ pdf: Blob; missing: string[] } | null>(null);
  // Rehearsal mode (a trial day): each new intake starts as a mock dossier; the officer turns it off for a real citizen.
  const mode = useRehearsalMode(communeCode);
  const rehearsalOn = mode.data?.enabled === true;
  const [mock, setMock] = useState(true);
  const rehearsal = rehearsalOn && mock;

  const options = procedures.data?.items ?? [];
  const data = [...(procedure && !options.some((p) => p.id === procedure.id) ? [procedure] : []), ...options];
  const documents = procedure?.requiredDocuments ?? [];
  const missing = missingIndexes(documents, answers);
  const complete = missing.length === 0;
  const error = intake.error ?? guidance.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Enter pressed again in a field while the first request runs must not file a second dossier.
    if (!procedure || intake.isPending || guidance.isPending) return;
    const body: IntakeRequest = {
      procedureId: procedure.id,
      applicant,
      receivingCommuneCode: communeCode,
      competentCommuneCode: competent || communeCode,
      channel: 'counter',
      // The documents answered (received or not applicable); the ones left out are the missing ones.
      checklist: documents.flatMap((_, index) => {
        const answer = answers[index];
        return answer === 'received' || answer === 'not_applicable' ? [{ index, status: answer }] : [];
      }),
      ...(rehearsal ? { rehearsal: true } : {}),
    };
    intake.reset();
    guidance.reset();
    if (complete) intake.mutate(body, { onSuccess: setResult });
    else {
      const names = missing.map((i) => documents[i]?.name ?? '');
      guidance.mutate(body, { onSuccess: (pdf) => setSlip({ pdf, missing: names }) });
    }
  };

  const reset = () => {
    setResult(null);
    setSlip(null);
    setProcedure(null);
    setSearch('');
    setApplicant(EMPTY);
    setCardAddress(null);
    setCompetent(communeCode);
    setAnswers({});
    setMock(true);
    intake.reset();
    guidance.reset();
  };

  if (result) return <Received result={result} communeCode={communeCode} onNext={reset} />;
  if (slip) return <IntakeGuidance {...slip} onBack={() => setSlip(null)} onNext={reset} />;

  const set = (field: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value; // read now: the event is gone when the updater runs
    setApplicant((a) => ({ ...a, [field]: value }));
  };
  const err = (field: string) => fieldError(error, `applicant.${field}`);

  return (
    <Stack gap="md">
      {rehearsalOn && <RehearsalBand text={t('rehearsal.modeBand')} />}
      <Title order={1}>{t('intake.title')}</Title>
      <form onSubmit={submit} aria-label={t('intake.title')}>
        <Stack gap="md">
          {rehearsalOn && (
            <Paper
              withBorder
              p="md"
              data-testid="rehearsal-switch"
              style={{ borderColor: mock ? 'var(--mantine-color-red-8)' : undefined, borderWidth: 2 }}
            >
              <Switch
                size="lg"
                color="red"
                checked={mock}
                onChange={(e) => setMock(e.currentTarget.checked)}
                label={<Text fw={700}>{t('rehearsal.intakeSwitch')}</Text>}
                description={mock ? t('rehearsal.intakeSwitchOn') : t('rehearsal.intakeSwitchOff')}
              />
            </Paper>
          )}
          <Select
            label={t('intake.procedure')}
            description={t('intake.procedureHint')}
            searchable
            required
            data={data.map((p) => ({
              value: p.id,
              // Another agency receives it (residence: the commune police): shown, not selectable, saying who.
              label: p.outsideWorkflow
                ? `${p.name} — ${t('intake.outsideWorkflow', { agency: p.outsideWorkflow.agency })}`
                : p.name,
              disabled: !!p.outsideWorkflow,
            }))}
            value={procedure?.id ?? null}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: o }) => o}
            nothingFoundMessage={t('intake.noProcedure')}
            onChange={(id) => {
              setProcedure(data.find((p) => p.id === id) ?? null);
              setAnswers({});
            }}
            limit={30}
            autoFocus
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
                onRead={(card) => {
                  setApplicant((a) => ({ ...a, ...card }));
                  setCardAddress(card.address || null);
                }}
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
              <IntakeAddressSuggestion
                cardAddress={cardAddress}
                current={applicant.address}
                onAccept={(address) => setApplicant((a) => ({ ...a, address }))}
              />
            </Stack>
          </Paper>
          <IntakeCompetentCommune
            communeCode={communeCode}
            value={competent}
            onChange={setCompetent}
            error={fieldError(error, 'competentCommuneCode')}
          />
          {procedure && <IntakeChecklist documents={documents} answers={answers} onChange={setAnswers} />}
          {error && (
            <FormError
              error={error}
              shown={(f) => /(applicant\.(fullName|idNumber|phone|address)|competentCommuneCode)$/.test(f)}
            />
          )}
          <Group gap="sm">
            <Button
              type="submit"
              loading={intake.isPending || guidance.isPending}
              disabled={!procedure}
              color={complete ? undefined : 'orange'}
              data-testid="intake-submit"
            >
              {complete ? t('intake.submit') : t('intake.submitGuidance')}
            </Button>
            {procedure && !complete && (
              <Text size="sm" c="dimmed">
                {t('intake.submitGuidanceHint')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
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
      {result.rehearsal && <RehearsalBand />}
      <Title order={1}>{result.rehearsal ? t('rehearsal.receivedMock') : t('intake.received')}</Title>
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
