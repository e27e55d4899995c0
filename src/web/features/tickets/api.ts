/** Queue tickets through the API: the kiosk and hall display (public), the counter console and the figures. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BoardView,
  CallNextResult,
  IssuedTicket,
  KioskView,
  PriorityReason,
  QueueConsole,
  QueueStats,
  QueueTicket,
} from '../../../common/api/tickets';
import { api } from '../../api/client';

export type { BoardView, IssuedTicket, KioskView, PriorityReason, QueueConsole, QueueStats, QueueTicket };

const validCommune = (code: string) => /^\d{5}$/.test(code);
const communePath = (code: string) => encodeURIComponent(code);

export const eventsUrl = (communeCode: string) => `/api/v1/public/queues/${communePath(communeCode)}/events`;
export const ticketPdfUrl = (ticketId: string) =>
  `/api/v1/public/queue-tickets/${encodeURIComponent(ticketId)}/ticket.pdf`;

export function useKiosk(communeCode: string) {
  return useQuery({
    queryKey: ['queue', 'kiosk', communeCode],
    queryFn: ({ signal }) => api<KioskView>(`/api/v1/public/queues/${communePath(communeCode)}`, { signal }),
    enabled: validCommune(communeCode),
    refetchInterval: 30_000,
    retry: 1,
  });
}

export function useTakeTicket(communeCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { groupId: string; priority: PriorityReason | null }) =>
      api<IssuedTicket>(`/api/v1/public/queues/${communePath(communeCode)}/tickets`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['queue', 'kiosk', communeCode] }),
  });
}

export function fetchBoard(communeCode: string) {
  return api<BoardView>(`/api/v1/public/queues/${communePath(communeCode)}/board`);
}

const consoleKey = (communeCode: string) => ['queue', 'console', communeCode];

export function useQueueConsole(communeCode: string) {
  return useQuery({
    queryKey: consoleKey(communeCode),
    queryFn: ({ signal }) =>
      api<QueueConsole>(`/api/v1/communes/${communePath(communeCode)}/queue`, { signal }),
    enabled: validCommune(communeCode),
    // The event stream refreshes it at once; this is the fallback when the stream is down.
    refetchInterval: 15_000,
  });
}

export function useQueueActions(communeCode: string) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['queue'] });
  const callNext = useMutation({
    mutationFn: (counterId: string) =>
      api<CallNextResult>(`/api/v1/queue-counters/${encodeURIComponent(counterId)}/call-next`, {
        method: 'POST',
      }),
    onSettled: refresh,
  });
  const recall = useMutation({
    mutationFn: (ticketId: string) =>
      api<QueueTicket>(`/api/v1/queue-tickets/${encodeURIComponent(ticketId)}/recall`, { method: 'POST' }),
    onSettled: refresh,
  });
  const finish = useMutation({
    mutationFn: ({
      ticketId,
      outcome,
      dossierId,
    }: {
      ticketId: string;
      outcome: 'served' | 'no_show';
      /** The dossier received from this citizen, linked to the ticket. */
      dossierId?: string;
    }) =>
      api<QueueTicket>(`/api/v1/queue-tickets/${encodeURIComponent(ticketId)}/finish`, {
        method: 'POST',
        body: { outcome, dossierId },
      }),
    onSettled: refresh,
  });
  const setPriorityFirst = useMutation({
    mutationFn: (priorityFirst: boolean) =>
      api(`/api/v1/communes/${communePath(communeCode)}/queue/settings`, {
        method: 'PUT',
        body: { priorityFirst },
      }),
    onSettled: refresh,
  });
  return { callNext, recall, finish, setPriorityFirst };
}

export function useQueueStats(communeCode: string) {
  return useQuery({
    queryKey: ['queue', 'stats', communeCode],
    queryFn: ({ signal }) =>
      api<QueueStats>(`/api/v1/communes/${communePath(communeCode)}/queue/stats`, { signal }),
    enabled: validCommune(communeCode),
    refetchInterval: 60_000,
  });
}

/** Configuration (leader, administrator): service groups and counters. */
export function useQueueConfig() {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['queue'] });
  const createGroup = useMutation({
    mutationFn: ({ communeCode, ...body }: { communeCode: string; letter: string; name: string }) =>
      api(`/api/v1/communes/${communePath(communeCode)}/queue/groups`, { method: 'POST', body }),
    onSuccess: refresh,
  });
  const updateGroup = useMutation({
    mutationFn: ({ id, ...body }: { id: string; name?: string; active?: boolean }) =>
      api(`/api/v1/queue-groups/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
  const createCounter = useMutation({
    mutationFn: ({ communeCode, ...body }: { communeCode: string; number: number; groupIds: string[] }) =>
      api(`/api/v1/communes/${communePath(communeCode)}/queue/counters`, { method: 'POST', body }),
    onSuccess: refresh,
  });
  const updateCounter = useMutation({
    mutationFn: ({ id, ...body }: { id: string; groupIds?: string[]; active?: boolean }) =>
      api(`/api/v1/queue-counters/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
  return { createGroup, updateGroup, createCounter, updateCounter };
}
