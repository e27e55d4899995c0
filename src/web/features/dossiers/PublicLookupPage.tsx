import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  List,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SATISFACTION_RATINGS } from '../../../common/api/dossiers';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import { ApplicantScans } from './ApplicantScans';
import { type PublicStatus, usePublicStatus, useRateDossier } from './api';
import { formatFileSize } from './file-size';
import { useLabel } from './labels';
import { publicResultUrl } from './online-api';
import { RehearsalBadge, RehearsalBand } from './Rehearsal';
import { requestedDocument } from './requested-document';

/** /tra-cuu-ho-so?ma=<code> — the citizen's status page (the QR on the receipt leads here). */
export function PublicLookupPage() {
  const { t } = useTranslation();
  usePageTitle(t('lookup.title'));
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [verifier, setVerifier] = useState('');
  const [lookup, setLookup] = useState<{ code: string; verifier: string } | null>(null);
  const status = usePublicStatus(lookup);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim();
    const v = verifier.trim();
    if (!c || !v) return;
    setParams({ ma: c }, { replace: true });
    setLookup({ code: c, verifier: v });
  };

  // A wrong pair and an unknown code answer alike (404, or a refused short code): one message for both.
  const notFound =
    status.error instanceof ApiError && (status.error.status === 404 || status.error.status === 400);

  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>{t('lookup.title')}</Title>
      <Text>{t('lookup.intro')}</Text>
      <form onSubmit={submit} aria-label={t('lookup.title')}>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('lookup.code')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              required
              autoComplete="off"
              spellCheck={false}
              style={{ flex: '1 1 16rem' }}
            />
            <TextInput
              label={t('lookup.verifier')}
              value={verifier}
              onChange={(e) => setVerifier(e.currentTarget.value)}
              required
              inputMode="numeric"
              autoComplete="off"
              style={{ flex: '1 1 12rem' }}
            />
            <Button type="submit" loading={status.isFetching} style={{ flex: '0 1 auto' }}>
              {t('lookup.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      {lookup && status.isPending && status.isFetching && <Loading />}
      {notFound ? (
        <Alert color="orange" role="alert" data-testid="lookup-not-found">
          {t('lookup.notFound')}
        </Alert>
      ) : (
        status.isError && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      )}
      {!lookup && (
        <Text size="sm">
          {t('lookup.notFiled')}{' '}
          <Anchor component={Link} to="/nop-ho-so">
            {t('lookup.submitOnline')}
          </Anchor>
        </Text>
      )}
      {status.data && !status.isError && lookup && (
        <>
          {status.data.rehearsal && (
            <RehearsalBand text={`${t('rehearsal.badge')} — ${t('rehearsal.lookupNote')}`} />
          )}
          <StatusView status={status.data} />
          {status.data.result && <ResultView status={status.data} verifier={lookup.verifier} />}
          {status.data.status === 'returned' && !status.data.result && status.data.fullyOnline && (
            <Text size="sm" c="dimmed" data-testid="lookup-no-result">
              {t('citizenOnline.resultNone')}
            </Text>
          )}
          {status.data.canUpload && (
            <ApplicantScans
              code={status.data.code}
              verifier={lookup.verifier}
              documents={status.data.documents}
              preselect={requestedDocument(status.data.documents, status.data.missing)}
              fromLookup
              {...(status.data.status === 'supplement_requested'
                ? { title: t('citizenOnline.supplementTitle'), hint: t('citizenOnline.supplementHint') }
                : {})}
            />
          )}
          <ScansView status={status.data} />
          {status.data.canRate && <RatingForm lookup={lookup} />}
          {status.data.rating && (
            <Alert color="green" data-testid="rating-given">
              {t('lookup.rating.given', { rating: t(`lookup.rating.${status.data.rating}`) })}
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}

function StatusView({ status }: { status: PublicStatus }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Paper withBorder p="md" data-testid="lookup-result">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {status.procedureName}
        </Title>
        {status.rehearsal && <RehearsalBadge />}
        <Text>
          {t('lookup.code')}: <strong>{status.code}</strong>
        </Text>
        <Text>
          {t('lookup.status')}: <strong data-testid="lookup-status">{label(status.statusLabel)}</strong>
        </Text>
        {status.holder && (
          <Text>
            {t('lookup.holder')}: {label(status.holder)}
          </Text>
        )}
        {status.submittedAt && (
          <Text>
            {t('citizenOnline.submittedAt')}: {formatDateTime(status.submittedAt)}
          </Text>
        )}
        {(status.receivedAt || status.status === 'submitted_online') && (
          <Text data-testid="lookup-received-at">
            {status.submittedAt ? t('citizenOnline.receivedAt') : t('lookup.receivedAt')}:{' '}
            {status.receivedAt ? formatDateTime(status.receivedAt) : t('citizenOnline.notReceived')}
          </Text>
        )}
        <Text>
          {t('lookup.due')}:{' '}
          <strong>{status.dueDate ? formatDate(status.dueDate) : t('lookup.noDue')}</strong>
        </Text>
        {status.decision && (
          <Alert
            color="red"
            title={t(status.decision.kind === 'refused' ? 'citizenOnline.refused' : 'citizenOnline.rejected')}
            data-testid="lookup-decision"
          >
            <Text size="sm">
              {t('citizenOnline.reason')}: <strong>{status.decision.reason}</strong>
            </Text>
            <Text size="sm" c="dimmed">
              {t('citizenOnline.decidedAt', { date: formatDateTime(status.decision.at) })}
            </Text>
          </Alert>
        )}
        {status.transferredTo && (
          <Alert color="blue" data-testid="lookup-transferred">
            {t('lookup.transferredTo', { code: status.transferredTo.code })}
          </Alert>
        )}
        {status.missing.length > 0 && (
          <Alert color="yellow" title={t('lookup.missing')}>
            <List size="sm">
              {status.missing.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Title order={3} size="h4">
          {t('lookup.timeline')}
        </Title>
        <Timeline active={status.timeline.length - 1} bulletSize={14} lineWidth={2}>
          {status.timeline.map((step) => (
            <Timeline.Item key={`${step.at}-${step.status}`} title={label(step.label)}>
              <Text size="sm" c="dimmed">
                {formatDateTime(step.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Paper>
  );
}

/** The electronic result of a returned dossier: download, with its SHA-256 to check the file against. */
function ResultView({ status, verifier }: { status: PublicStatus; verifier: string }) {
  const { t } = useTranslation();
  const result = status.result!;
  return (
    <Paper withBorder p="md" data-testid="lookup-result-file">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('citizenOnline.resultTitle')}
        </Title>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {result.fileName} ({formatFileSize(result.sizeBytes, currentLanguage())})
        </Text>
        <Button component="a" href={publicResultUrl(status.code, verifier)} download w="fit-content">
          {t('citizenOnline.resultDownload')}
        </Button>
        <Text size="sm">{t('citizenOnline.resultSha')}:</Text>
        <Code
          block
          data-testid="lookup-result-sha"
          style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}
        >
          {result.sha256}
        </Code>
        <Text size="xs" c="dimmed">
          {t('citizenOnline.resultShaHint')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The document scans already on the dossier (names, sizes, dates), whoever sent them. */
function ScansView({ status }: { status: PublicStatus }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (status.scans.length === 0 && status.status !== 'submitted_online') return null;
  return (
    <Paper withBorder p="md" data-testid="lookup-scans">
      <Title order={2} size="h4" mb="xs">
        {t('citizenOnline.scansTitle')}
      </Title>
      {status.scans.length === 0 ? (
        <Text size="sm">{t('citizenOnline.scansNone')}</Text>
      ) : (
        <List size="sm" spacing={6}>
          {status.scans.map((s) => (
            <List.Item key={`${s.uploadedAt}-${s.fileName}`} data-testid="lookup-scan">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {s.fileName} — {formatFileSize(s.sizeBytes, lang)}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(s.uploadedAt)} ·{' '}
                {s.byApplicant ? t('citizenOnline.byApplicant') : t('citizenOnline.byCentre')}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

type Rating = (typeof SATISFACTION_RATINGS)[number];

/** Đánh giá mức độ hài lòng: once, after the result was returned. */
function RatingForm({ lookup }: { lookup: { code: string; verifier: string } }) {
  const { t } = useTranslation();
  const rate = useRateDossier(lookup);
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating) rate.mutate({ rating, comment: comment.trim() || undefined });
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-label={t('lookup.rating.title')}>
        <Stack gap="sm">
          <Radio.Group
            label={t('lookup.rating.title')}
            description={t('lookup.rating.intro')}
            value={rating}
            onChange={(v) => setRating(v as Rating)}
            required
          >
            <Group mt="xs">
              {SATISFACTION_RATINGS.map((r) => (
                <Radio key={r} value={r} label={t(`lookup.rating.${r}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            label={t('lookup.rating.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          <Group>
            <Button type="submit" disabled={!rating} loading={rate.isPending}>
              {t('lookup.rating.submit')}
            </Button>
          </Group>
          {rate.isError && <FormError error={rate.error} shown={() => false} />}
        </Stack>
      </form>
    </Paper>
  );
}
