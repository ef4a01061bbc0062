/**
 * The ACS requests the benchmarks send, HMAC-signed with the independent test signer
 * (test/helpers/sign.ts) exactly as the SDK signs them, with the bodies the SDK sends.
 */
import { signedHeaders } from '../../test/helpers/sign.js';
import { WELL_KNOWN_ACCESS_KEY } from '../../src/config.js';

export const API_VERSION = '2026-03-12';

export interface SignedRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export const phoneOf = (i: number): string => `+1425555${String(i).padStart(4, '0')}`;

const phoneModel = (phone: string) => ({
  rawId: `4:${phone}`,
  phoneNumber: { value: phone, isAnonymous: false },
});

export function signed(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  host: string,
  body?: string,
): SignedRequest {
  const headers = signedHeaders({
    method,
    target: path,
    host,
    ...(body !== undefined ? { body } : {}),
    accessKey: WELL_KNOWN_ACCESS_KEY,
  });
  return {
    method,
    path,
    headers: {
      accept: 'application/json',
      'x-ms-client-request-id': '6f1c1f0e-0000-4000-8000-00000000be7c',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body } : {}),
  };
}

/** createCall with one phone-number participant per load connection. */
export function createCallRequest(host: string, participants: number, callbackUri: string) {
  const targets = Array.from({ length: participants }, (_, i) => ({
    kind: 'phoneNumber',
    ...phoneModel(phoneOf(i)),
  }));
  const body = JSON.stringify({ targets, callbackUri, operationContext: 'bench-create' });
  return signed('POST', `/calling/callConnections?api-version=${API_VERSION}`, host, body);
}

/** The start + stop continuous DTMF pair for one participant, byte for byte as the SDK sends it. */
export function dtmfCycle(host: string, callConnectionId: string, participant: number) {
  const target = phoneModel(phoneOf(participant));
  const path = (action: string) =>
    `/calling/callConnections/${callConnectionId}:${action}?api-version=${API_VERSION}`;
  const start = JSON.stringify({ targetParticipant: target, operationContext: 'dtmf-start' });
  const stop = JSON.stringify({ targetParticipant: target, operationContext: 'dtmf-stop' });
  return {
    start: signed('POST', path('startContinuousDtmfRecognition'), host, start),
    stop: signed('POST', path('stopContinuousDtmfRecognition'), host, stop),
  };
}

/** Sends one signed request with fetch and returns status and parsed JSON body. */
export async function send<T>(
  port: number,
  request: SignedRequest,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** GET a JSON document (control API, health, receiver stats). */
export async function getJson<T>(port: number, path: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return (await response.json()) as T;
}
