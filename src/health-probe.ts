/**
 * The health check the Docker image runs (`acs-call-emulator healthcheck`): GET /health on the
 * address the running emulator wrote to its ready file, or else the one its settings name. The
 * ready file is what makes a port changed by flag, env or config file still get probed.
 */
import http from 'node:http';
import https from 'node:https';
import type { Config } from './config.js';

export interface ReadyInfo {
  url: string;
  port: number;
  pid: number;
  certFile?: string;
}

export function readyFileText(info: ReadyInfo): string {
  return `${JSON.stringify(info)}\n`;
}

/** The URL to probe: the ready file's when it holds one, else derived from the settings. */
export function probeUrl(
  config: Pick<Config, 'host' | 'port' | 'tls' | 'certFile'>,
  readyText: string | undefined,
): string {
  if (readyText !== undefined) {
    try {
      const info = JSON.parse(readyText) as Partial<ReadyInfo>;
      if (typeof info.url === 'string') return info.url;
    } catch {
      // A half-written or foreign file: fall back to the settings.
    }
  }
  const secure = config.tls === 'self-signed' || config.certFile !== undefined;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${secure ? 'https' : 'http'}://${shown}:${config.port}/`;
}

/** GET `<url>health`; healthy when it answers 200 with `status: "ok"` within `timeoutMs`. */
export function probeHealth(
  url: string,
  timeoutMs: number,
): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    const target = new URL('health', url);
    const client = target.protocol === 'https:' ? https : http;
    // A liveness probe of our own process: the certificate may not name the probed address.
    const request = client.get(
      target,
      { agent: false, rejectUnauthorized: false, timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          let status: unknown;
          try {
            status = (JSON.parse(body) as { status?: unknown }).status;
          } catch {
            status = undefined;
          }
          const ok = res.statusCode === 200 && status === 'ok';
          resolve({
            ok,
            detail: `${target.href} answered ${res.statusCode} ${body.slice(0, 200)}`,
          });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (err) => resolve({ ok: false, detail: `${target.href}: ${err.message}` }));
  });
}
