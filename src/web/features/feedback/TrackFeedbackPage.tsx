import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TrackedFeedback } from '../../../common/api/feedback';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { RateForm } from './public/RateForm';
import { TrackedView } from './public/TrackedView';
import { type TrackLookup, useTrackFeedback } from './public-api';

/** /phan-anh/theo-doi?ma=<code> — the reporter follows their report with the code + phone, e-mail or PIN. */
export function TrackFeedbackPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedbackPublic.track.title'));
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [contact, setContact] = useState('');
  const [lookup, setLookup] = useState<TrackLookup | null>(null);
  const [missing, setMissing] = useState(false);
  const tracked = useTrackFeedback(lookup);
  // The answer to a rating replaces the looked-up view (state reopened, the rating recorded).
  const [rated, setRated] = useState<{ data: TrackedFeedback; resolved: boolean } | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    const v = contact.trim();
    setMissing(!c || !v);
    if (!c || !v) return;
    setParams({ ma: c }, { replace: true });
    setRated(null);
    // The same pair again: asked afresh (the citizen comes back to see whether it was answered).
    if (lookup?.code === c && lookup.contact === v) void tracked.refetch();
    else setLookup({ code: c, contact: v });
  };

  // A wrong pair and an unknown code answer alike: one message for both.
  const notFound =
    tracked.error instanceof ApiError && (tracked.error.status === 404 || tracked.error.status === 400);
  const data = rated?.data ?? tracked.data;

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('feedbackPublic.track.title')}</Title>
      <Text>{t('feedbackPublic.track.intro')}</Text>
      <form onSubmit={submit} aria-label={t('feedbackPublic.track.title')} noValidate>
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t('feedbackPublic.track.code')}
            placeholder="PA-…"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            error={missing && !code.trim() ? t('forms.required') : undefined}
            style={{ flex: '1 1 16rem' }}
            data-testid="track-code"
          />
          <TextInput
            label={t('feedbackPublic.track.contact')}
            description={t('feedbackPublic.track.contactHint')}
            value={contact}
            onChange={(e) => setContact(e.currentTarget.value)}
            required
            autoComplete="off"
            error={missing && !contact.trim() ? t('forms.required') : undefined}
            style={{ flex: '1 1 14rem' }}
            data-testid="track-contact"
          />
        </Group>
        <Button type="submit" mt="sm" loading={tracked.isFetching} data-testid="track-submit">
          {t('feedbackPublic.track.submit')}
        </Button>
      </form>
      {lookup && tracked.isPending && tracked.isFetching && <Loading />}
      {notFound ? (
        <Alert color="orange" role="alert" data-testid="track-not-found">
          {t('feedbackPublic.track.notFound')}
        </Alert>
      ) : (
        tracked.isError && <ErrorAlert error={tracked.error} onRetry={() => void tracked.refetch()} />
      )}
      {!lookup && (
        <Text size="sm">
          {t('feedbackPublic.track.notSent')}{' '}
          <Anchor component={Link} to="/phan-anh/gui">
            {t('feedbackPublic.submit.title')}
          </Anchor>
        </Text>
      )}
      {data && lookup && !tracked.isError && (
        <>
          {rated && (
            <Alert
              color={rated.resolved ? 'green' : 'orange'}
              role="status"
              data-testid={rated.resolved ? 'track-rated' : 'track-reopened'}
            >
              {rated.resolved ? t('feedbackPublic.rate.thanks') : t('feedbackPublic.rate.reopened')}
            </Alert>
          )}
          <TrackedView data={data} />
          {data.canRate && (
            <RateForm lookup={lookup} onRated={(answer, resolved) => setRated({ data: answer, resolved })} />
          )}
        </>
      )}
    </Stack>
  );
}
