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

/** Errors of a socket the server had already closed when the request was written to it. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

interface Exchange {
  outcome: AttemptOutcome;
  /** It went out on a reused socket the server had already closed: nothing was answered. */
  stale: boolean;
}

export class WebhookPoster {
  // No maxSockets: a webhook that hangs on one queue must not make another queue's POST wait
  // behind it in the agent (one request per queue is in flight at most, see delivery.ts).
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };
  private readonly inFlight = new Set<http.ClientRequest>();

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
      const timer = setTimeout(() => {
        request.destroy(new Error(`timeout: no complete answer within ${announcedMs} ms`));
      }, timeoutMs);
      timer.unref();
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
        finish({ outcome: { error: describe(err) }, stale });
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
