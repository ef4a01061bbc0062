/** Reads GET /admin/stream the way any client would: fetch, then the text/event-stream format. */

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
  /** `data` parsed as JSON. */
  json: Record<string, unknown>;
}

export interface SseConnection {
  status: number;
  headers: Headers;
  /** The `retry:` value the server sent, once read. */
  retry?: number;
  events: SseEvent[];
  /** The first event (already read or still to come) that matches, within `timeoutMs`. */
  waitFor(predicate: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Lines read so far, raw (for the wire-format checks). */
  raw(): string;
  close(): void;
}

export async function openStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let text = '';
  let buffer = '';
  const connection: SseConnection = {
    status: response.status,
    headers: response.headers,
    events,
    raw: () => text,
    close: () => abort.abort(),
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching stream event in ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
  if (!response.body || response.status !== 200) return connection;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += value;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            fields[name] =
              name === 'data' && fields.data !== undefined ? `${fields.data}\n${val}` : val;
          }
          if (fields.retry !== undefined) connection.retry = Number(fields.retry);
          if (fields.data === undefined) continue;
          events.push({
            ...(fields.id !== undefined ? { id: fields.id } : {}),
            event: fields.event ?? 'message',
            data: fields.data,
            json: JSON.parse(fields.data) as Record<string, unknown>,
          });
          for (const waiter of [...waiters]) waiter();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return connection;
}
