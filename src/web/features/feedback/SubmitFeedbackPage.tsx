import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Collapse,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_FEEDBACK_CONTENT, MAX_FEEDBACK_TITLE } from '../../../common/api/feedback';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import type { PickedPoint } from '../../components/ReportMap';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage } from '../../i18n';
import { CommuneSelect, usePublicCommunes } from './public/CommuneSelect';
import { DuplicateHint } from './public/DuplicateHint';
import { FilePicker } from './public/FilePicker';
import { feedbackFieldError, isShownField } from './public/labels';
import { PlaceField } from './public/PlaceField';
import { SubmittedCard } from './public/SubmittedCard';
import {
  type SubmitFeedbackBody,
  type SubmitFeedbackResult,
  useDuplicateSuggestions,
  useFeedbackCategories,
  useSubmitFeedback,
} from './public-api';

/** Leaflet loads only when the citizen opens the map (a phone on 3G sends most reports without one). */
const ReportMap = lazy(async () => ({ default: (await import('../../components/ReportMap')).ReportMap }));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phoneDigits = (s: string) => s.replace(/[\s.\-()]/g, '').replace(/^\+84/, '0');
const PHONE = /^0\d{9,10}$/;

interface Form {
  communeCode: string | null;
  categoryId: string | null;
  title: string;
  content: string;
  placeText: string;
  point: PickedPoint | null;
  name: string;
  phone: string;
  email: string;
  isPrivate: boolean;
  files: File[];
}

const EMPTY: Form = {
  communeCode: null,
  categoryId: null,
  title: '',
  content: '',
  placeText: '',
  point: null,
  name: '',
  phone: '',
  email: '',
  isPrivate: false,
  files: [],
};

/** /phan-anh/gui — a citizen reports a problem to their commune, without an account; gets a code to follow it. */
export function SubmitFeedbackPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedbackPublic.submit.title'));
  const lang = currentLanguage();
  const [form, setForm] = useState<Form>(EMPTY);
  const [checked, setChecked] = useState(false);
  const [mapOpen, setMapOpen] = useState(false);
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<{ result: SubmitFeedbackResult; communeName: string | null } | null>(
    null,
  );
  const { communes } = usePublicCommunes();
  const categories = useFeedbackCategories(form.communeCode);
  const submit = useSubmitFeedback();
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  // Debounced on a string (a new object each render would restart the timer for ever).
  const [dupText] = useDebouncedValue(`${form.title.trim()} ${form.content.trim()}`.trim(), 400);
  const [dupPoint] = useDebouncedValue(form.point, 400);
  const duplicates = useDuplicateSuggestions({
    communeCode: form.communeCode,
    text: dupText,
    latitude: dupPoint?.latitude ?? null,
    longitude: dupPoint?.longitude ?? null,
  });
  const suggestions = (duplicates.data ?? []).filter((s) => !dismissed.has(s.code));

  if (result) {
    return (
      <SubmittedCard
        result={result.result}
        communeName={result.communeName}
        onAnother={() => {
          setResult(null);
          setForm(EMPTY);
          setChecked(false);
          setDismissed(new Set());
          submit.reset();
        }}
      />
    );
  }

  const commune = communes.find((c) => c.code === form.communeCode) ?? null;
  const category = categories.data?.find((c) => c.id === form.categoryId) ?? null;
  const phone = phoneDigits(form.phone.trim());
  const email = form.email.trim();
  const anonymous = phone === '' && email === '';
  const localErrors = {
    communeCode: form.communeCode ? undefined : t('forms.required'),
    categoryId: form.categoryId ? undefined : t('forms.required'),
    title: form.title.trim() ? undefined : t('forms.required'),
    content: form.content.trim() ? undefined : t('forms.required'),
    reporterPhone: phone && !PHONE.test(phone) ? t('feedbackPublic.submit.phoneInvalid') : undefined,
    reporterEmail: email && !EMAIL.test(email) ? t('feedbackPublic.submit.emailInvalid') : undefined,
  };
  const err = (field: keyof typeof localErrors | 'placeText' | 'reporterName' | 'files' | 'latitude') =>
    feedbackFieldError(submit.error, field) ??
    (checked ? (localErrors as Record<string, string | undefined>)[field] : undefined);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.values(localErrors).some(Boolean) || !form.categoryId) return;
    const body: SubmitFeedbackBody = {
      communeCode: form.communeCode,
      categoryId: form.categoryId,
      title: form.title.trim(),
      content: form.content.trim(),
      placeText: form.placeText.trim() || null,
      latitude: form.point?.latitude ?? null,
      longitude: form.point?.longitude ?? null,
      reporterName: form.name.trim() || null,
      reporterPhone: phone || null,
      reporterEmail: email || null,
      isPrivate: form.isPrivate,
      locale: lang,
    };
    submit.mutate(
      { body, files: form.files },
      {
        onSuccess: (r) =>
          setResult({
            result: r,
            communeName: communes.find((c) => c.code === r.communeCode)?.name ?? commune?.name ?? null,
          }),
      },
    );
  };

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('feedbackPublic.submit.title')}</Title>
      <Text>{t('feedbackPublic.submit.intro')}</Text>
      <Text size="sm">
        {t('feedbackPublic.submit.already')}{' '}
        <Anchor component={Link} to="/phan-anh/theo-doi">
          {t('feedbackPublic.track.title')}
        </Anchor>
        {' · '}
        <Anchor component={Link} to="/phan-anh">
          {t('feedbackPublic.list.title')}
        </Anchor>
      </Text>
      <form onSubmit={onSubmit} noValidate aria-label={t('feedbackPublic.submit.title')}>
        <Stack gap="md">
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('feedbackPublic.submit.where')}
              </Title>
              <PlaceField
                value={form.placeText}
                onChange={(v) => set('placeText', v)}
                communeCode={form.communeCode}
                takesReports={(code) => communes.some((c) => c.code === code)}
                onCommune={(c) => {
                  if (c.code !== form.communeCode)
                    setForm((f) => ({ ...f, communeCode: c.code, categoryId: null }));
                }}
                error={err('placeText')}
              />
              <CommuneSelect
                value={form.communeCode}
                onChange={(c) => setForm((f) => ({ ...f, communeCode: c?.code ?? null, categoryId: null }))}
                label={t('feedbackPublic.submit.commune')}
                description={t('feedbackPublic.submit.communeHint')}
                error={err('communeCode')}
                required
                testId="feedback-commune"
              />
              <div>
                <Button
                  variant="light"
                  size="sm"
                  onClick={() => setMapOpen((o) => !o)}
                  aria-expanded={mapOpen}
                  data-testid="feedback-map-toggle"
                >
                  {mapOpen ? t('feedbackPublic.submit.mapHide') : t('feedbackPublic.submit.mapShow')}
                </Button>
              </div>
              <Collapse expanded={mapOpen}>
                {mapOpen && (
                  <Suspense fallback={<Loading />}>
                    <ReportMap picked={form.point} onPick={(p) => set('point', p)} height={300} />
                  </Suspense>
                )}
              </Collapse>
              {!mapOpen && form.point && (
                <Text size="sm" c="dimmed">
                  {t('feedbackPublic.map.picked', {
                    lat: form.point.latitude.toFixed(5),
                    lng: form.point.longitude.toFixed(5),
                  })}
                </Text>
              )}
              {err('latitude') && (
                <Text size="sm" c="red" role="alert">
                  {err('latitude')}
                </Text>
              )}
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('feedbackPublic.submit.what')}
              </Title>
              <Select
                label={t('feedbackPublic.submit.category')}
                description={
                  form.communeCode
                    ? t('feedbackPublic.submit.categoryHint')
                    : t('feedbackPublic.submit.communeFirst')
                }
                required
                disabled={!form.communeCode}
                data={(categories.data ?? []).map((c) => ({
                  value: c.id,
                  label: lang === 'en' ? c.nameEn : c.nameVi,
                }))}
                value={form.categoryId}
                onChange={(v) => set('categoryId', v)}
                error={
                  err('categoryId') ??
                  (categories.isError ? t('feedbackPublic.submit.categoriesFailed') : undefined)
                }
                nothingFoundMessage={categories.isPending ? t('common.loading') : undefined}
                allowDeselect={false}
                maxDropdownHeight={320}
                comboboxProps={{ withinPortal: true }}
                data-testid="feedback-category"
              />
              {category && (lang === 'en' ? category.descriptionEn : category.descriptionVi) && (
                <Text size="sm" c="dimmed" data-testid="feedback-category-description">
                  {lang === 'en' ? category.descriptionEn : category.descriptionVi}
                </Text>
              )}
              <TextInput
                label={t('feedbackPublic.submit.titleLabel')}
                description={t('feedbackPublic.submit.titleHint')}
                value={form.title}
                onChange={(e) => set('title', e.currentTarget.value)}
                maxLength={MAX_FEEDBACK_TITLE}
                required
                error={err('title')}
                data-testid="feedback-title"
              />
              <Textarea
                label={t('feedbackPublic.submit.content')}
                description={t('feedbackPublic.submit.contentHint')}
                value={form.content}
                onChange={(e) => set('content', e.currentTarget.value)}
                maxLength={MAX_FEEDBACK_CONTENT}
                autosize
                minRows={4}
                maxRows={14}
                required
                error={err('content')}
                data-testid="feedback-content"
              />
              <DuplicateHint
                suggestions={suggestions}
                onFileAnyway={() => setDismissed((d) => new Set([...d, ...suggestions.map((s) => s.code)]))}
              />
              <FilePicker files={form.files} onChange={(f) => set('files', f)} error={err('files')} />
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('feedbackPublic.submit.who')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('feedbackPublic.submit.whoHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput
                  label={t('feedbackPublic.submit.name')}
                  value={form.name}
                  onChange={(e) => set('name', e.currentTarget.value)}
                  autoComplete="name"
                  maxLength={200}
                  error={err('reporterName')}
                />
                <TextInput
                  label={t('feedbackPublic.submit.phone')}
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  value={form.phone}
                  onChange={(e) => set('phone', e.currentTarget.value)}
                  maxLength={20}
                  error={err('reporterPhone')}
                  data-testid="feedback-phone"
                />
                <TextInput
                  label={t('feedbackPublic.submit.email')}
                  type="email"
                  inputMode="email"
                  autoComplete="email"
                  value={form.email}
                  onChange={(e) => set('email', e.currentTarget.value)}
                  maxLength={254}
                  error={err('reporterEmail')}
                  data-testid="feedback-email"
                />
              </SimpleGrid>
              {anonymous && (
                <Alert
                  color="orange"
                  variant="light"
                  title={t('feedbackPublic.submit.anonymousTitle')}
                  data-testid="feedback-anonymous-warning"
                >
                  {t('feedbackPublic.submit.anonymousWarning')}
                </Alert>
              )}
              <Checkbox
                label={t('feedbackPublic.submit.private')}
                description={t('feedbackPublic.submit.privateHint')}
                checked={form.isPrivate}
                onChange={(e) => set('isPrivate', e.currentTarget.checked)}
                data-testid="feedback-private"
              />
            </Stack>
          </Paper>

          {submit.isError && <FormError error={submit.error} shown={isShownField} />}
          {checked && Object.values(localErrors).some(Boolean) && (
            <Text c="red" size="sm" role="alert">
              {t('feedbackPublic.submit.fixFields')}
            </Text>
          )}
          <Group>
            <Button type="submit" size="md" loading={submit.isPending} data-testid="feedback-send">
              {t('feedbackPublic.submit.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
