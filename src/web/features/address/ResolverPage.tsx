import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';
import { useResolve } from './api';
import { ResolveForm } from './ResolveForm';
import { ResolveResult } from './ResolveResult';

/** "Tra cứu địa chỉ mới" (/dia-chi?q=…): the query lives in the URL so a result can be shared. */
export function ResolverPage() {
  const { t } = useTranslation();
  usePageTitle(t('resolver.title'));
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const result = useResolve(q);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('resolver.title')}</Title>
        <Text>{t('resolver.intro')}</Text>
      </Stack>
      <ResolveForm
        key={q}
        initialValue={q}
        loading={result.isFetching}
        onSubmit={(value) => setParams(value ? { q: value } : {})}
      />
      {q && <ResolveResult query={result} />}
    </Stack>
  );
}
