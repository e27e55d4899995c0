/**
 * The province campaign board through the API (src/common/api/campaign-board.ts): the board with its filters,
 * the readiness history, the export links and a commune's own column. Every path is named here once.
 */
import { keepPreviousData, useIsMutating, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type {
  Board,
  BoardHistory,
  BoardQuery,
  CommuneCampaignSummary,
} from '../../../common/api/campaign-board';
import { api } from '../../api/client';

export type { Board, BoardHistory, BoardQuery, CommuneCampaignSummary };
export type BoardRow = Board['rows'][number];

const enc = encodeURIComponent;
const base = (provinceCode: string) => `/api/v1/provinces/${enc(provinceCode)}/campaign/board`;

/** The board's filters as query parameters (absent ones left out). */
export function boardQueryString(q: BoardQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const boardPaths = {
  board: base,
  history: (provinceCode: string) => `${base(provinceCode)}/history`,
  xlsx: (provinceCode: string, q: BoardQuery) => `${base(provinceCode)}.xlsx${boardQueryString(q)}`,
  pdf: (provinceCode: string, q: BoardQuery) => `${base(provinceCode)}.pdf${boardQueryString(q)}`,
  summary: (communeCode: string) => `/api/v1/communes/${enc(communeCode)}/campaign/summary`,
};

export function useBoard(provinceCode: string, q: BoardQuery) {
  return useQuery({
    queryKey: ['campaign-board', provinceCode, q],
    queryFn: ({ signal }) =>
      api<Board>(`${boardPaths.board(provinceCode)}${boardQueryString(q)}`, { signal }),
    enabled: /^\d{2}$/.test(provinceCode),
    placeholderData: keepPreviousData,
  });
}

export function useBoardHistory(provinceCode: string, range: { from?: string; to?: string }) {
  return useQuery({
    queryKey: ['campaign-board-history', provinceCode, range],
    queryFn: ({ signal }) =>
      api<BoardHistory>(boardPaths.history(provinceCode), {
        signal,
        query: { from: range.from, to: range.to },
      }),
    enabled: /^\d{2}$/.test(provinceCode),
    placeholderData: keepPreviousData,
  });
}

/**
 * The commune's own column. Every change made on the campaign page (an answer, an incident, a directive done…)
 * moves it, so it is fetched again whenever the page's last change settles.
 */
export function useCommuneCampaignSummary(communeCode: string) {
  const qc = useQueryClient();
  const changing = useIsMutating();
  const wasChanging = useRef(false);
  useEffect(() => {
    if (changing > 0) wasChanging.current = true;
    else if (wasChanging.current) {
      wasChanging.current = false;
      void qc.invalidateQueries({ queryKey: ['campaign-summary', communeCode] });
    }
  }, [changing, qc, communeCode]);
  return useQuery({
    queryKey: ['campaign-summary', communeCode],
    queryFn: ({ signal }) => api<CommuneCampaignSummary>(boardPaths.summary(communeCode), { signal }),
    enabled: /^\d{5}$/.test(communeCode),
  });
}
