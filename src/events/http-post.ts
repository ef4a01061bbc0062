/**
 * Callback POSTs over node:http(s). Each emulator owns one poster, so its kept-alive connections
 * are reused across events and closing one emulator never cuts another's deliveries.
 *
 * Kept-alive connections and the webhook's own idle timeout race: a server closes an idle socket
 * (Node's default after 5 s) just as the next POST is written to it, and that POST fails with a
 * reset although the webhook is healthy. Two things keep that from costing a delivery attempt:
 * the pool closes sockets idle for {@link IDLE_SOCKET_MS}, below common server timeouts (and
 * below what a `Keep-Alive: timeout=N` answer announces), and a reset on a *reused* socket before
 * any answer is sent again at once on a fresh connection, inside the same attempt.
 */
import http from 'node:http';
import https from 'node:https';
import { safeUrl } from '../safe-url.js';
import { parseRetryAfter, type AttemptOutcome } from './retry-policy.js';

/** Idle time after which a pooled connection is closed: under Node's 5 s server default. */
export const IDLE_SOCKET_MS = 4_000;

/** How many stale pooled sockets one POST may run into before giving up on reuse. */
const MAX_STALE_RETRIES = 8;

/**
 * The emulator itself ran out of file descriptors (a low `ulimit -n`): no fault of the webhook, so
 * the POST waits and is tried again inside the same attempt instead of using one up.
 */
const LOCAL_EXHAUSTION_CODES = new Set(['EMFILE', 'ENFILE', 'ENOBUFS']);
const LOCAL_EXHAUSTION_WAIT_MS = 50;

/** Errors of a socket the server had already closed when the request was written to it. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

interface Exchange {
  outcome: AttemptOutcome;
  /** It went out on a reused socket the server had already closed: nothing was answered. */
  stale: boolean;
  /** The emulator had no file descriptor for a socket; nothing was sent. */
  exhausted?: boolean;
}

/** Connections per webhook host when the owner sets none (--delivery-max-sockets). */
export const DEFAULT_MAX_SOCKETS = 64;

export class WebhookPoster {
  // A pool per host:port (--delivery-max-sockets): 10,000 calls must not open 10,000 sockets
  // and run the process out of file descriptors. A POST waiting for a free socket has not started:
  // its answer timeout counts from the moment it gets one, so a queue behind a slow webhook on
  // the same host costs waiting, never a failed attempt.
  private readonly agents: { 'http:': http.Agent; 'https:': https.Agent };
  private readonly inFlight = new Set<http.ClientRequest>();

  constructor(maxSockets = DEFAULT_MAX_SOCKETS) {
    const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, maxSockets, maxFreeSockets: 64 };
    this.agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };
  }

  /**
   * POSTs `body`; resolves (never rejects) with the status, or with the error when no complete
   * answer arrived within `timeoutMs` (the whole exchange, not only the idle time).
   */
  async post(
    url: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { error: `invalid callback URL '${safeUrl(url)}'` };
    }
    const protocol = target.protocol;
    if (protocol !== 'http:' && protocol !== 'https:')
      return { error: `unsupported callback URL scheme '${protocol}' (use http or https)` };
    const deadline = Date.now() + timeoutMs;
    for (let stale = 0; ; stale++) {
      const remaining = Math.max(1, deadline - Date.now());
      const exchange = await this.exchange(target, protocol, body, headers, remaining, timeoutMs);
      if (exchange.exhausted && Date.now() + LOCAL_EXHAUSTION_WAIT_MS < deadline) {
        stale--; // not the webhook's doing: wait for descriptors to free up, same attempt
        await new Promise((resolve) => setTimeout(resolve, LOCAL_EXHAUSTION_WAIT_MS).unref());
        continue;
      }
      if (!exchange.stale || stale >= MAX_STALE_RETRIES || Date.now() >= deadline)
        return exchange.outcome;
    }
  }

  /** Aborts every POST in flight and closes every kept-alive connection. */
  close(): void {
    for (const request of this.inFlight) request.destroy(new Error('emulator stopped'));
    this.inFlight.clear();
    for (const agent of Object.values(this.agents)) agent.destroy();
  }

  private exchange(
    target: URL,
    protocol: 'http:' | 'https:',
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
    announcedMs: number,
  ): Promise<Exchange> {
    return new Promise((resolve) => {
      const client = protocol === 'https:' ? https : http;
      let settled = false;
      let answered = false;
      const request = client.request(target, {
        method: 'POST',
        agent: this.agents[protocol],
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      });
      const finish = (exchange: Exchange) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(request);
        resolve(exchange);
      };
      let timer: NodeJS.Timeout | undefined;
      // The clock starts when the pool hands out a socket (see the constructor).
      request.once('socket', () => {
        timer = setTimeout(() => {
          request.destroy(new Error(`timeout: no complete answer within ${announcedMs} ms`));
        }, timeoutMs);
        timer.unref();
      });
      this.inFlight.add(request);
      request.on('response', (response) => {
        answered = true;
        // The body is not needed, but reading it lets the socket go back to the pool.
        response.resume();
        response.on('error', (err) => finish({ outcome: { error: err.message }, stale: false }));
        response.on('end', () =>
          finish({
            outcome: {
              status: response.statusCode,
              retryAfterMs: parseRetryAfter(header(response.headers['retry-after']), Date.now()),
            },
            stale: false,
          }),
        );
      });
      request.on('error', (err: Error & { code?: string }) => {
        const stale = request.reusedSocket && !answered && STALE_SOCKET_CODES.has(err.code ?? '');
        const exhausted = !answered && LOCAL_EXHAUSTION_CODES.has(err.code ?? '');
        finish({ outcome: { error: describe(err) }, stale, exhausted });
      });
      request.end(body);
    });
  }
}

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** Node's messages for connection errors lack the code on some paths; keep both. */
function describe(err: Error & { code?: string }): string {
  return err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message;
}
