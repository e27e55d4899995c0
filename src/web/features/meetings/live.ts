/** The meeting's live channel on the page: which events refresh what, and timers that tick. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useEventStream } from '../../lib/useEventStream';
import { paths } from './api';

/** Events of the meeting's channel after which a page asks for the record again. */
export const MEETING_EVENTS = [
  'meeting.changed',
  'meeting.hall',
  'attendance.changed',
  'agenda.changed',
  'item.changed',
  'item.started',
  'speech.started',
  'speech.ended',
  'vote.opened',
  'vote.cast',
  'vote.closed',
  'minutes.locked',
  'paper.changed',
];

/** Follows the meeting's event stream: every event refreshes the record (quorum, votes) without a reload. */
export function useMeetingLive(id: string | null) {
  const client = useQueryClient();
  const refresh = () => {
    if (!id) return;
    void client.invalidateQueries({ queryKey: ['meetings', 'one', id] });
    void client.invalidateQueries({ queryKey: ['meetings', 'votes', id] });
  };
  const handlers = Object.fromEntries(MEETING_EVENTS.map((e) => [e, refresh]));
  return useEventStream(id ? paths.events(id) : null, handlers);
}

/** Seconds since an instant, ticking every second while shown. */
export function useElapsed(since: string | null | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!since) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since ? Math.max(0, (now - Date.parse(since)) / 1000) : 0;
}
