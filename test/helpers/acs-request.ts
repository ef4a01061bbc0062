/**
 * Byte-exact raw requests to a running emulator (node:http, so no client adds or rewrites a
 * header), signed like the SDK signs, for everything the SDK would never send.
 */
import http from 'node:http';
import { WELL_KNOWN_ACCESS_KEY } from '../../src/config.js';
import { signedHeaders } from './sign.js';

export interface RawRequest {
  method: string;
  path: string;
  /** Sent as-is when a string or Buffer, otherwise JSON-serialised. */
  body?: unknown;
  /** Extra or replaced headers; `undefined` removes one. */
  headers?: Record<string, string | undefined>;
  /** Sign with this key (default: the well-known key); `false` sends no auth headers. */
  sign?: string | false;
  date?: Date;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or `{}` when the body is empty or not JSON. */
  json: {
    error?: {
      code: string;
      message: string;
      details?: unknown[];
      innererror?: { code: string; message: string };
    };
  } & Record<string, unknown>;
}

export function acsRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const body =
    req.body === undefined
      ? undefined
      : typeof req.body === 'string' || Buffer.isBuffer(req.body)
        ? req.body
        : JSON.stringify(req.body);
  const headers: Record<string, string | undefined> = {
    host: url.host,
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(req.sign === false
      ? {}
      : signedHeaders({
          method: req.method,
          target: req.path,
          host: url.host,
          body: body === undefined ? '' : body.toString(),
          accessKey: req.sign ?? WELL_KNOWN_ACCESS_KEY,
          date: req.date,
        })),
    ...req.headers,
  };
  const sent = Object.fromEntries(
    Object.entries(headers).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  if (body !== undefined && sent['content-length'] === undefined)
    sent['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: sent,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: RawResponse['json'];
          try {
            json = text ? (JSON.parse(text) as RawResponse['json']) : {};
          } catch {
            json = {};
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
