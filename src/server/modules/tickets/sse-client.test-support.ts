/** Reads a server-sent event stream in tests (fetch + the frame format), one awaited event at a time. */
export interface TestStream {
  /** The data of the next event of this type (skipping others); rejects after `timeoutMs`. */
  next(type: string, timeoutMs?: number): Promise<unknown>;
  close(): void;
}

export async function openStream(url: string): Promise<TestStream> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (!res.ok || !res.body) throw new Error(`stream ${url}: ${res.status}`);
  if (!res.headers.get('content-type')?.startsWith('text/event-stream'))
    throw new Error('not an event stream');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: { type: string; data: unknown }[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let at = buffer.indexOf('\n\n');
        while (at >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const type = block.match(/^event: (.*)$/m)?.[1];
          const data = block.match(/^data: (.*)$/m)?.[1];
          if (type && data !== undefined) events.push({ type, data: JSON.parse(data) });
          for (const w of waiters.splice(0)) w();
          at = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    async next(type, timeoutMs = 3_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = events.findIndex((e) => e.type === type);
        if (i >= 0) return events.splice(0, i + 1).pop()!.data;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${type}" event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => controller.abort(),
  };
}
