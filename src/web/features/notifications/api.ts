/** The outbox through the API: messages within the viewer's rights, newest first, and a retry of a failed one. */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  NotificationChannel,
  NotificationItem,
  NotificationList,
  NotificationStatus,
} from '../../../common/api/notifications';
import { api } from '../../api/client';

export interface OutboxFilter {
  status?: NotificationStatus;
  channel?: NotificationChannel;
  template?: string;
  communeCode?: string;
}

export function useOutbox(filter: OutboxFilter) {
  return useInfiniteQuery({
    queryKey: ['notifications', filter],
    queryFn: ({ signal, pageParam }) =>
      api<NotificationList>('/api/v1/notifications', { query: { ...filter, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

export function useRetryNotification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<NotificationItem>(`/api/v1/notifications/${encodeURIComponent(id)}/retry`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
