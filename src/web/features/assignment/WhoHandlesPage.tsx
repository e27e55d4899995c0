import { Autocomplete, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { STANDARD_AREAS } from '../../../common/api/org';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { PageError } from '../workspace/PageError';
import { useAnnouncementHistory, useWhoHandles } from './api';
import { assignSections, ItemsTable } from './parts';

/** /phan-cong/:communeCode/ai-phu-trach — who is in charge of a field, by its name with or without diacritics. */
export function WhoHandlesPage() {
  const { t } = useTranslation();
  usePageTitle(t('assign.who.title'));
  const { communeCode = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asked = params.get('linh-vuc') ?? '';
  const [field, setField] = useState(asked);
  const [tooShort, setTooShort] = useState(false);
  const access = useAnnouncementHistory(communeCode);
  const answer = useWhoHandles(communeCode, asked);

  if (access.isError)
    return <PageError error={access.error} communeCode={communeCode} onRetry={() => void access.refetch()} />;
  if (access.isPending) return <Loading />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const q = field.trim();
    setTooShort(q.length < 2);
    if (q.length >= 2) setParams({ 'linh-vuc': q }, { replace: true });
  };

  return (
    <Stack gap="md">
      <CommuneHeader
        communeCode={communeCode}
        title={t('assign.who.title')}
        sections={assignSections(communeCode)}
      />
      <Paper withBorder p="lg" component="form" onSubmit={onSubmit} noValidate>
        <Group align="flex-start" gap="sm">
          <Autocomplete
            label={t('assign.who.field')}
            description={t('assign.who.hint')}
            data={STANDARD_AREAS.map((a) => a.label)}
            value={field}
            onChange={setField}
            spellCheck={false}
            style={{ flex: '1 1 18rem' }}
            maw={480}
            error={tooShort ? t('assign.who.tooShort') : undefined}
          />
          <Button type="submit" mt={{ base: 0, xs: 45 }} loading={answer.isFetching}>
            {t('assign.who.submit')}
          </Button>
        </Group>
      </Paper>
      {answer.isError && <ErrorAlert error={answer.error} onRetry={() => void answer.refetch()} />}
      {answer.data && (
        <Stack gap="sm" data-testid="who-handles" role="status">
          <Text size="sm" c="dimmed">
            {t('assign.who.basis', {
              number: answer.data.announcement.number ?? '',
              date: formatDate(answer.data.announcement.issuedOn ?? ''),
            })}
          </Text>
          {answer.data.matches.length === 0 ? (
            <Text>{t('assign.who.none', { field: asked })}</Text>
          ) : (
            <ItemsTable items={answer.data.matches} />
          )}
        </Stack>
      )}
    </Stack>
  );
}
