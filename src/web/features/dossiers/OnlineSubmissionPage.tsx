import {
  Alert,
  Button,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicSubmissionRequest } from '../../../common/api/dossiers';
import { DOCUMENT_FORM_LABELS } from '../../../common/api/procedures';
import { foldVietnamese } from '../../../common/text';
import { FormError, fieldError } from '../../components/FormError';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import { ApplicantScans } from './ApplicantScans';
import { type ProcedureSummary, useProcedures } from './api';
import { CccdLineField } from './CccdLineField';
import { useFeeText, useLabel, useTimeLimitText } from './labels';
import { newIdempotencyKey, type Submission, useOnlineCommunes, useSubmitOnline } from './online-api';
import { provinceOfAddress } from './online-province';

/** A commune that takes online filings, with its province (the picker's groups). */
interface Commune {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

/** The catalogue entry as the API gives it (the web's summary type leaves these out). */
type Procedure = ProcedureSummary & { fullyOnline: boolean; status?: 'active' | 'retired' };
type Answer = 'received' | 'not_applicable';
type ApplicantForm = PublicSubmissionRequest['applicant'];
/** The dossier filed, with what the scan upload needs: the phone given and the documents said to be sent. */
interface Result {
  submission: Submission;
  procedure: Procedure;
  phone: string;
  attached: number[];
}

const EMPTY: ApplicantForm = { fullName: '', idNumber: '', phone: '', address: '' };

/** /nop-ho-so — the citizen files a dossier online, without an account; then sends the scans. */
export function OnlineSubmissionPage() {
  const { t } = useTranslation();
  usePageTitle(t('online.title'));
  const [commune, setCommune] = useState<Commune | null>(null);
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [applicant, setApplicant] = useState<ApplicantForm>(EMPTY);
  const [answers, setAnswers] = useState<Record<number, Answer>>({});
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const submit = useSubmitOnline();
  const sent = useRef<{ body: string; key: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  const reset = () => {
    setResult(null);
    setCommune(null);
    setProcedure(null);
    setApplicant(EMPTY);
    setAnswers({});
    setNote('');
    setChecked(false);
    sent.current = null;
    submit.reset();
  };

  if (result) return <Submitted {...result} onNext={reset} />;

  const unanswered = procedure ? procedure.requiredDocuments.flatMap((_, i) => (answers[i] ? [] : [i])) : [];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!commune || !procedure || unanswered.length > 0) return;
    const body: PublicSubmissionRequest = {
      procedureId: procedure.id,
      competentCommuneCode: commune.code,
      applicant,
      checklist: procedure.requiredDocuments.map((_, index) => ({ index, status: answers[index]! })),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    // One key per form content: a double click or a resend after a lost answer gives the same dossier; a
    // corrected form is a new request (the server refuses a key reused for different content).
    const json = JSON.stringify(body);
    if (sent.current?.body !== json) sent.current = { body: json, key: newIdempotencyKey() };
    submit.mutate(
      { body, key: sent.current.key },
      {
        onSuccess: (submission) =>
          setResult({
            submission,
            procedure,
            phone: applicant.phone,
            attached: body.checklist.flatMap((c) => (c.status === 'received' ? [c.index] : [])),
          }),
      },
    );
  };

  const required = checked ? t('forms.required') : undefined;
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('online.title')}</Title>
      <Text>{t('online.intro')}</Text>
      <form onSubmit={onSubmit} aria-label={t('online.title')} noValidate>
        <Stack gap="md">
          <CommunePicker
            value={commune}
            onChange={setCommune}
            address={applicant.address}
            error={fieldError(submit.error, 'competentCommuneCode') ?? (commune ? undefined : required)}
          />
          <ProcedurePicker
            value={procedure}
            onChange={(p) => {
              setProcedure(p);
              setAnswers({});
            }}
            error={fieldError(submit.error, 'procedureId') ?? (procedure ? undefined : required)}
          />
          {procedure && <Facts procedure={procedure} />}
          <ApplicantFields value={applicant} onChange={setApplicant} error={submit.error} />
          {procedure && (
            <Checklist
              procedure={procedure}
              answers={answers}
              onAnswer={(i, a) => setAnswers((all) => ({ ...all, [i]: a }))}
              error={(i) =>
                fieldError(submit.error, `checklist.${i}`) ??
                (checked && !answers[i] ? t('online.answerRequired') : undefined)
              }
            />
          )}
          <Textarea
            label={t('online.note')}
            description={t('online.noteHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={1000}
            error={fieldError(submit.error, 'note')}
          />
          {checked && unanswered.length > 0 && (
            <Text c="red" size="sm" role="alert">
              {t('online.unanswered', { count: unanswered.length })}
            </Text>
          )}
          {submit.isError && (
            <FormError
              error={submit.error}
              shown={(f) =>
                /^body\.(applicant\.(fullName|idNumber|phone|address)|competentCommuneCode|procedureId|note|checklist\.\d+)$/.test(
                  f,
                )
              }
            />
          )}
          <Button type="submit" w="fit-content" size="md" loading={submit.isPending}>
            {t('online.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

interface PickerProps<T> {
  value: T | null;
  onChange: (item: T | null) => void;
  error?: string;
}

/** A searchable choice among what the server found for the typed words (the chosen one stays listed). */
function SearchPicker<T>({
  value,
  onChange,
  error,
  found,
  keyOf,
  labelOf,
  search,
  onSearch,
  ...texts
}: PickerProps<T> & {
  found: T[];
  keyOf: (item: T) => string;
  labelOf: (item: T) => string;
  search: string;
  onSearch: (s: string) => void;
  label: string;
  description: string;
  nothingFoundMessage: string;
}) {
  const data = [...(value && !found.some((x) => keyOf(x) === keyOf(value)) ? [value] : []), ...found];
  return (
    <Select
      {...texts}
      searchable
      required
      data={data.map((x) => ({ value: keyOf(x), label: labelOf(x) }))}
      value={value ? keyOf(value) : null}
      searchValue={search}
      onSearchChange={onSearch}
      filter={({ options }) => options}
      onChange={(key) => onChange(data.find((x) => keyOf(x) === key) ?? null)}
      error={error}
      limit={30}
    />
  );
}

const communeLabel = (c: Commune) => `${c.name}, ${c.provinceName}`;
const LAST_PROVINCE = 'xaso.online.province';

function lastProvince(): string | null {
  try {
    return localStorage.getItem(LAST_PROVINCE);
  } catch {
    return null;
  }
}

/**
 * The competent commune, among those that take online filings (a commune that does not use XãSố would never
 * receive the dossier), grouped by province with the citizen's own province first; searched with or without
 * diacritics.
 */
function CommunePicker({ address, ...props }: PickerProps<Commune> & { address: string }) {
  const { t } = useTranslation();
  const list = useOnlineCommunes();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 150);
  const own = list.data ? (provinceOfAddress(list.data, address) ?? lastProvince()) : null;
  const communes = useMemo(() => {
    const provinces = [...(list.data?.provinces ?? [])].sort(
      (a, b) => Number(b.code === own) - Number(a.code === own),
    );
    return provinces.map((p) => ({
      province: p,
      items: p.communes.map((c) => ({
        ...c,
        provinceCode: p.code,
        provinceName: p.name,
        folded: foldVietnamese(`${c.name} ${p.name}`),
      })),
    }));
  }, [list.data, own]);
  const all = communes.flatMap((g) => g.items);
  const words = foldVietnamese(q.trim()).split(/\s+/).filter(Boolean);
  const chosen = props.value && search === communeLabel(props.value);
  const matches = (c: { folded: string }) => chosen || words.every((w) => c.folded.includes(w));
  const data = communes
    .map((g) => ({
      group:
        g.province.code === own ? t('citizenOnline.ownProvince', { name: g.province.name }) : g.province.name,
      items: g.items.filter(matches).map((c) => ({ value: c.code, label: communeLabel(c) })),
    }))
    .filter((g) => g.items.length > 0);
  return (
    <Select
      label={t('online.commune')}
      description={t('online.communeHint')}
      searchable
      required
      data={data}
      value={props.value?.code ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(code) => {
        const c = all.find((x) => x.code === code) ?? null;
        props.onChange(c);
        if (c) {
          try {
            localStorage.setItem(LAST_PROVINCE, c.provinceCode);
          } catch {
            // private browsing: the address alone orders the list
          }
        }
      }}
      error={props.error ?? (list.isError ? t('citizenOnline.communesFailed') : undefined)}
      nothingFoundMessage={list.isPending ? t('citizenOnline.loadingCommunes') : t('online.noCommune')}
      maxDropdownHeight={320}
      limit={200}
      data-testid="online-commune"
    />
  );
}

/** The procedure, searched without diacritics; retired ones and those another agency receives are not offered. */
function ProcedurePicker(props: PickerProps<Procedure>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useProcedures(props.value && search === props.value.name ? '' : q);
  return (
    <SearchPicker
      {...props}
      found={((found.data?.items ?? []) as Procedure[]).filter(
        (p) => p.status !== 'retired' && !p.outsideWorkflow,
      )}
      keyOf={(p) => p.id}
      labelOf={(p) => p.name}
      search={search}
      onSearch={setSearch}
      label={t('online.procedure')}
      description={t('intake.procedureHint')}
      nothingFoundMessage={t('intake.noProcedure')}
    />
  );
}

/** What the citizen should know before filing: fee, time limit, and whether it all happens online. */
function Facts({ procedure }: { procedure: Procedure }) {
  const { t } = useTranslation();
  const feeText = useFeeText();
  const limitText = useTimeLimitText();
  return (
    <Paper withBorder p="md" data-testid="online-procedure-facts">
      <Stack gap="xs">
        <Text>
          {t('intake.fee')}: <strong>{feeText(procedure.fee)}</strong>
        </Text>
        <Text>
          {t('intake.timeLimit')}: <strong>{limitText(procedure.timeLimit)}</strong>
          {procedure.timeLimitNote ? ` (${procedure.timeLimitNote})` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {t('online.clockHint')}
        </Text>
        {procedure.fullyOnline ? (
          <Text c="teal" fw={600}>
            {t('online.fullyOnline')}
          </Text>
        ) : (
          <Text c="orange">{t('online.notFullyOnline')}</Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Full name, ID number, phone (required, for the look-up) and address; the CCCD QR line fills three of them. */
function ApplicantFields({
  value,
  onChange,
  error,
}: {
  value: ApplicantForm;
  onChange: (a: ApplicantForm) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const field = (
    name: keyof ApplicantForm,
    extra: { type?: string; inputMode?: 'numeric' | 'tel'; autoComplete: string; description?: string },
  ) => (
    <TextInput
      label={t(`dossier.${name}`)}
      value={value[name]}
      onChange={(e) => onChange({ ...value, [name]: e.currentTarget.value })}
      required
      error={fieldError(error, `applicant.${name}`)}
      {...extra}
    />
  );
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('intake.applicant')}
      </Title>
      <Stack gap="sm">
        <CccdLineField
          label={t('online.cccd')}
          description={t('online.cccdHint')}
          onRead={(card) => onChange({ ...value, ...card })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {field('fullName', { autoComplete: 'name' })}
          {field('idNumber', { inputMode: 'numeric', autoComplete: 'off' })}
          {field('phone', {
            type: 'tel',
            inputMode: 'tel',
            autoComplete: 'tel',
            description: t('online.phoneHint'),
          })}
          {field('address', { autoComplete: 'street-address' })}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** The procedure's required documents: each one sent, or not applicable to this case. */
function Checklist({
  procedure,
  answers,
  onAnswer,
  error,
}: {
  procedure: Procedure;
  answers: Record<number, Answer>;
  onAnswer: (index: number, answer: Answer) => void;
  error: (index: number) => string | undefined;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4">
        {t('intake.checklist')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('online.checklistHint')}
      </Text>
      <Stack gap="md">
        {procedure.requiredDocuments.map((doc, i) => (
          <Radio.Group
            // biome-ignore lint/suspicious/noArrayIndexKey: the checklist is addressed by index
            key={i}
            label={doc.name}
            description={t('intake.docCount', {
              form: label(DOCUMENT_FORM_LABELS[doc.form]),
              count: doc.count,
            })}
            value={answers[i] ?? null}
            onChange={(v) => onAnswer(i, v as Answer)}
            error={error(i)}
            required
          >
            <Group gap="lg" mt={6}>
              <Radio value="received" label={t('online.attach')} />
              <Radio value="not_applicable" label={t('online.notApplicable')} />
            </Group>
          </Radio.Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** Hides the site's header and navigation when the confirmation is printed or saved as PDF. */
const PRINT_CSS = `@media print {
  header, nav, footer, [data-print="hide"], .mantine-AppShell-header, .mantine-AppShell-navbar { display: none !important; }
  .mantine-AppShell-main { padding: 0 !important; }
  [data-testid="online-result"] { border: none !important; }
}`;

/** The confirmation after filing: what was filed where, the code, the expected due date; printable. */
function Submitted({ submission, procedure, phone, attached, onNext }: Result & { onNext: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const lookup = `/tra-cuu-ho-so?ma=${encodeURIComponent(submission.code)}`;
  return (
    <Stack gap="md" maw={760}>
      <style>{PRINT_CSS}</style>
      <Title order={1}>{t('online.done')}</Title>
      <Paper withBorder p="md" data-testid="online-result">
        <Stack gap={6}>
          <Text>{t('online.codeIs')}</Text>
          <Text fw={700} size="xl" data-testid="online-code" style={{ wordBreak: 'break-all' }}>
            {submission.code}
          </Text>
          <Text data-testid="online-confirm-commune">
            {t('citizenOnline.filedAt')}:{' '}
            <strong>
              {submission.commune.name}, {submission.commune.provinceName}
            </strong>
          </Text>
          <Text data-testid="online-confirm-procedure">
            {t('online.procedure')}: <strong>{submission.procedureName}</strong>
          </Text>
          <Text>
            {t('citizenOnline.submittedAt')}: {formatDateTime(submission.submittedAt)}
          </Text>
          {submission.expectedDueDate && (
            <Text data-testid="online-confirm-due">
              {t('citizenOnline.expectedDue')}: <strong>{formatDate(submission.expectedDueDate)}</strong>
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('citizenOnline.expectedDueHint')}
          </Text>
          <Text>{t('online.keepCode')}</Text>
          <Text>{label(submission.verifierHint)}</Text>
          <Alert color="green" role="status" p="xs">
            {t('online.awaiting')}
          </Alert>
        </Stack>
      </Paper>
      <Group data-print="hide">
        <Button component={Link} to={lookup}>
          {t('online.lookup')}
        </Button>
        <Button variant="light" onClick={() => window.print()}>
          {t('citizenOnline.print')}
        </Button>
        <Button variant="subtle" onClick={onNext}>
          {t('online.another')}
        </Button>
      </Group>
      <div data-print="hide">
        <ApplicantScans
          code={submission.code}
          verifier={phone}
          documents={attached.map((index) => ({
            index,
            name: procedure.requiredDocuments[index]?.name ?? '',
          }))}
        />
      </div>
    </Stack>
  );
}
