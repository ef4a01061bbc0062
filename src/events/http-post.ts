/**
 * Callback POSTs over node:http(s). Each emulator owns one poster, so its kept-alive connections
 * are reused across events and closing one emulator never cuts another's deliveries.
 */
import http from 'node:http';
import https from 'node:https';
import { parseRetryAfter, type AttemptOutcome } from './retry-policy.js';

export class WebhookPoster {
  // No maxSockets: a webhook that hangs on one call must not make another call's POST queue
  // behind it in the agent (one request per call is in flight at most, see delivery.ts).
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  private readonly inFlight = new Set<http.ClientRequest>();

  /**
   * POSTs `body`; resolves (never rejects) with the status, or with the error when no complete
   * answer arrived within `timeoutMs` (the whole exchange, not only the idle time).
   */
  post(
    url: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        resolve({ error: `invalid callback URL '${url}'` });
        return;
      }
      const protocol = target.protocol;
      if (protocol !== 'http:' && protocol !== 'https:') {
        resolve({ error: `unsupported callback URL scheme '${protocol}' (use http or https)` });
        return;
      }
      const client = protocol === 'https:' ? https : http;
      let settled = false;
      const request = client.request(target, {
        method: 'POST',
        agent: this.agents[protocol],
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      });
      const finish = (outcome: AttemptOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(request);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        request.destroy(new Error(`timeout: no complete answer within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.inFlight.add(request);
      request.on('response', (response) => {
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
      request.on('error', (err) => finish({ error: describe(err) }));
      request.end(body);
    });
  }

  /** Aborts every POST in flight and closes every kept-alive connection. */
  close(): void {
    for (const request of this.inFlight) request.destroy(new Error('emulator stopped'));
    this.inFlight.clear();
    for (const agent of Object.values(this.agents)) agent.destroy();
  }
}

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** Node's messages for connection errors lack the code on some paths; keep both. */
function describe(err: Error & { code?: string }): string {
  return err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message;
}
