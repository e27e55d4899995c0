import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeadlineResponse, HolidaysResponse } from '../../../common/api/calendar';
import { api } from '../../api/client';

export type HolidayKey = HolidaysResponse['daysOff'][number]['key'];
export const HOLIDAY_KEYS: readonly HolidayKey[] = [
  'new_year',
  'tet',
  'hung_kings',
  'reunification',
  'labour',
  'national_day',
  'other',
];

export function useHolidays(year: number) {
  return useQuery({
    queryKey: ['holidays', year],
    queryFn: ({ signal }) => api<HolidaysResponse>('/api/v1/calendar/holidays', { query: { year }, signal }),
  });
}

export interface DeadlineInput {
  from: string;
  days: number;
}

export function useDeadline(input: DeadlineInput | null) {
  return useQuery({
    queryKey: ['deadline', input?.from, input?.days],
    queryFn: ({ signal }) =>
      api<DeadlineResponse>('/api/v1/calendar/deadline', {
        query: { from: input?.from, days: input?.days },
        signal,
      }),
    enabled: input !== null,
  });
}

export interface HolidayRangeInput {
  from: string;
  to: string;
  key: HolidayKey;
  name: string;
  note?: string;
}

/** Administrator writes to the calendar; each refreshes the holidays and every computed deadline. */
export function useCalendarAdmin() {
  const client = useQueryClient();
  const onSuccess = () => {
    void client.invalidateQueries({ queryKey: ['holidays'] });
    void client.invalidateQueries({ queryKey: ['deadline'] });
  };
  return {
    addRange: useMutation({
      mutationFn: (body: HolidayRangeInput) =>
        api<{ id: string }>('/api/v1/calendar/holiday-ranges', { method: 'POST', body }),
      onSuccess,
    }),
    deleteRange: useMutation({
      mutationFn: (id: string) =>
        api<void>(`/api/v1/calendar/holiday-ranges/${encodeURIComponent(id)}`, { method: 'DELETE' }),
      onSuccess,
    }),
    addMakeUpDay: useMutation({
      mutationFn: (body: { date: string; note?: string }) =>
        api<{ date: string }>('/api/v1/calendar/make-up-days', { method: 'POST', body }),
      onSuccess,
    }),
    deleteMakeUpDay: useMutation({
      mutationFn: (date: string) =>
        api<void>(`/api/v1/calendar/make-up-days/${encodeURIComponent(date)}`, { method: 'DELETE' }),
      onSuccess,
    }),
  };
}
