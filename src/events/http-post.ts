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
import { webhookUrl, type RequestTarget } from './webhook-url.js';

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

/** One POST, which may take more than one request (a stale socket, no file descriptor). */
interface Exchange {
  protocol: 'http:' | 'https:';
  /** From the parsed URL (shared: read, never changed). */
  target: RequestTarget;
  body: string;
  length: number;
  /** The Authorization header's value, when the POST is signed. */
  authorization: string | undefined;
  /** The whole exchange ends by then, however many requests it took. */
  deadline: number;
  /** The timeout the caller asked for, for the error message. */
  announcedMs: number;
  /** Requests that ran into a socket the server had already closed. */
  stale: number;
  done(outcome: AttemptOutcome): void;
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
   * POSTs `body` (`length` its size in bytes); resolves (never rejects) with the status, or with
   * the error when no complete answer arrived within `timeoutMs` (the whole exchange, not only the
   * idle time). One promise per POST: a retry on a fresh socket (see the top of this file) happens
   * inside it.
   */
  post(
    url: string,
    body: string,
    length: number,
    authorization: string | undefined,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    const target = webhookUrl(url);
    if (target.problem !== undefined || !target.protocol || !target.options)
      return Promise.resolve({ error: target.problem ?? `invalid callback URL '${safeUrl(url)}'` });
    const exchange: Exchange = {
      protocol: target.protocol,
      target: target.options,
      body,
      length,
      authorization,
      deadline: Date.now() + timeoutMs,
      announcedMs: timeoutMs,
      stale: 0,
      done: noop,
    };
    return new Promise((resolve) => {
      exchange.done = resolve;
      this.send(exchange);
    });
  }

  /** Aborts every POST in flight and closes every kept-alive connection. */
  close(): void {
    for (const request of this.inFlight) request.destroy(new Error('emulator stopped'));
    this.inFlight.clear();
    for (const agent of Object.values(this.agents)) agent.destroy();
  }

  /** One request of the exchange; a stale socket or no file descriptor leads to another. */
  private send(exchange: Exchange): void {
    const { protocol } = exchange;
    const timeoutMs = Math.max(1, exchange.deadline - Date.now());
    const client = protocol === 'https:' ? https : http;
    let settled = false;
    let answered = false;
    let request: http.ClientRequest;
    try {
      // Literals of one shape each, no spread: this runs for every POST.
      const { target, length, authorization } = exchange;
      request = client.request({
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        auth: target.auth,
        method: 'POST',
        agent: this.agents[protocol],
        headers:
          authorization === undefined
            ? { 'content-type': 'application/json', 'content-length': length }
            : {
                'content-type': 'application/json',
                'content-length': length,
                authorization,
              },
      });
    } catch (err) {
      // node:http refuses the request itself (say, a header it will not send): a failed attempt.
      exchange.done({ error: describe(err as Error & { code?: string }) });
      return;
    }
    const finish = (outcome: AttemptOutcome, again?: 'stale' | 'exhausted') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      this.inFlight.delete(request);
      if (again === 'exhausted' && Date.now() + LOCAL_EXHAUSTION_WAIT_MS < exchange.deadline) {
        // Not the webhook's doing: wait for descriptors to free up, same attempt.
        setTimeout(() => this.send(exchange), LOCAL_EXHAUSTION_WAIT_MS).unref();
        return;
      }
      if (
        again === 'stale' &&
        exchange.stale < MAX_STALE_RETRIES &&
        Date.now() < exchange.deadline
      ) {
        exchange.stale++;
        queueMicrotask(() => this.send(exchange));
        return;
      }
      exchange.done(outcome);
    };
    let timer: NodeJS.Timeout | undefined;
    // The clock starts when the pool hands out a socket (see the constructor).
    request.once('socket', () => {
      timer = setTimeout(() => {
        request.destroy(new Error(`timeout: no complete answer within ${exchange.announcedMs} ms`));
      }, timeoutMs);
      timer.unref();
    });
    this.inFlight.add(request);
    request.on('response', (response) => {
      answered = true;
      // The body is not needed, but reading it lets the socket go back to the pool.
      response.resume();
      response.on('error', (err) => finish({ error: err.message }));
      response.on('end', () =>
        finish({
          status: response.statusCode,
          retryAfterMs: parseRetryAfter(header(response.headers['retry-after']), Date.now()),
        }),
      );
    });
    request.on('error', (err: Error & { code?: string }) => {
      const code = err.code ?? '';
      const again = answered
        ? undefined
        : request.reusedSocket && STALE_SOCKET_CODES.has(code)
          ? 'stale'
          : LOCAL_EXHAUSTION_CODES.has(code)
            ? 'exhausted'
            : undefined;
      finish({ error: describe(err) }, again);
    });
    request.end(exchange.body);
  }
}

const noop = (): void => {};

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** Node's messages for connection errors lack the code on some paths; keep both. */
function describe(err: Error & { code?: string }): string {
  return err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message;
}
