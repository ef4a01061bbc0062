/** One callback POST over node:http(s) with kept-alive connections and a hard timeout. */
import http from 'node:http';
import https from 'node:https';

export interface PostResult {
  status?: number;
  retryAfterMs?: number;
  error?: string;
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ error: `invalid URL ${url}` });
      return;
    }
    const protocol = target.protocol as keyof typeof agents;
    const agent = agents[protocol];
    if (!agent) {
      resolve({ error: `unsupported protocol ${target.protocol}` });
      return;
    }
    const client = protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        response.resume();
        response.on('error', (err) => finish({ error: err.message }));
        response.on('end', () =>
          finish({
            status: response.statusCode,
            retryAfterMs: parseRetryAfter(response.headers['retry-after'], Date.now()),
          }),
        );
      },
    );
    request.setTimeout(timeoutMs, () => {
      request.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    request.on('error', (err) => finish({ error: err.message }));
    request.end(body);
  });
}

/** Closes idle kept-alive sockets (used on shutdown). */
export function closeIdleConnections(): void {
  for (const agent of Object.values(agents)) agent.destroy();
}
