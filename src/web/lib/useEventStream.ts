/**
 * Follows a server-sent event stream of the API (src/server/modules/live): the handlers receive each event's
 * parsed data by type. The browser reconnects by itself after a drop; the server then sends a fresh `snapshot`.
 * `connected` is false while the stream is down (show it: a hall display must not look live when it is not).
 */
import { useEffect, useRef, useState } from 'react';

export type EventHandlers = Record<string, (data: unknown) => void>;

export function useEventStream(url: string | null, handlers: EventHandlers): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const latest = useRef(handlers);
  latest.current = handlers;
  const types = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    const listeners = types.split(',').map((type) => {
      const listener = (e: MessageEvent<string>) => {
        setConnected(true);
        try {
          latest.current[type]?.(JSON.parse(e.data));
        } catch {
          // a malformed event is skipped; the next snapshot corrects the page
        }
      };
      source.addEventListener(type, listener as EventListener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener as EventListener);
      source.close();
      setConnected(false);
    };
  }, [url, types]);
  return { connected };
}
