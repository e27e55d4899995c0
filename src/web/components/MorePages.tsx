import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

/** The part of an infinite (cursor-paginated) query a list shows below its rows. */
interface PagedQuery {
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  refetch: () => Promise<unknown>;
  data?: unknown;
}

/**
 * Below a cursor-paginated list: the error of the last page fetched (retry fetches it again, or the whole list when
 * nothing came yet) and the "more" button while the server has more.
 */
export function MorePages({ query, size }: { query: PagedQuery; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <>
      {query.isError && (
        <ErrorAlert
          error={query.error}
          onRetry={() => void (query.data ? query.fetchNextPage() : query.refetch())}
        />
      )}
      {query.hasNextPage && (
        <Button
          variant="default"
          size={size}
          w="fit-content"
          loading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {t('common.more')}
        </Button>
      )}
    </>
  );
}
