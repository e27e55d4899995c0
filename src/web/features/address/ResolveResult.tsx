import { Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResolveResponse } from '../../../common/api/units';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import type { ResolveCandidate } from './api';
import { BestCandidate } from './BestCandidate';
import { EmptyResult } from './EmptyResult';
import { OtherCandidates } from './OtherCandidates';

/** Candidates sharing the best one's split former unit: the new units its parts went to. */
function splitSiblings(best: ResolveCandidate, candidates: ResolveCandidate[]): ResolveCandidate[] {
  const unit = best.matchedFormerUnit?.code;
  if (!best.partial || !unit) return [];
  return candidates.filter((c) => c.partial && c.matchedFormerUnit?.code === unit);
}

export function ResolveResult({ query }: { query: UseQueryResult<ResolveResponse> }) {
  const { t } = useTranslation();
  if (query.isPending) return <Loading label={t('resolver.searching')} />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  const { candidates, reason, street } = query.data;
  const [best] = candidates;
  if (!best) return <EmptyResult reason={reason} />;
  const siblings = splitSiblings(best, candidates);
  const shown = new Set([best, ...siblings]);
  const others = candidates.filter((c) => !shown.has(c));

  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed" role="status">
        {t('resolver.found', { count: candidates.length })}
      </Text>
      <BestCandidate best={best} siblings={siblings} street={street} ambiguous={reason === 'ambiguous'} />
      {others.length > 0 && <OtherCandidates candidates={others} />}
    </Stack>
  );
}
