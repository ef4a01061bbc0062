/**
 * api-version policy: required on every ACS route; every version published for Call Automation
 * (stable and preview) is accepted, anything else is refused unless --accept-any-api-version.
 * Identity and Rooms have their own lists: the version their current SDK sends and the GA before.
 * The Call Automation list is the one fixtures/api-versions.json derives, with its sources, from the spec folders
 * and the SDKs' own version constants; a test keeps the two the same.
 */
import type { RequestHandler } from 'express';
import type { OperationSpec } from '../schemas/generated/operations.js';
import { errors } from './errors.js';
import { getAcsContext } from './acs-context.js';

export const DEFAULT_API_VERSION = '2026-03-12';

export const SUPPORTED_API_VERSIONS: readonly string[] = [
  '2026-03-12',
  '2025-06-15',
  '2025-05-15',
  '2024-09-15',
  '2024-04-15',
  '2023-10-15',
  '2023-03-06',
  '2025-08-15-preview',
  '2025-03-30-preview',
  '2024-11-15-preview',
  '2024-09-01-preview',
  '2024-06-15-preview',
  '2024-01-22-preview',
  '2023-10-03-preview',
  '2023-06-15-preview',
  '2023-01-15-preview',
  '2022-04-07-preview',
];

/** The API an operation belongs to (each has its own swagger and versions). */
export type ApiName = OperationSpec['api'];

/**
 * Accepted versions per API, newest first. Identity: 2023-10-01 is what
 * @azure/communication-identity 1.3.1 sends, 2023-08-01 the GA before. Rooms: 2025-03-13 is what
 * @azure/communication-rooms 1.2.0 sends, 2024-04-15 the GA before.
 */
export const API_VERSIONS: Readonly<Record<ApiName, readonly string[]>> = {
  callAutomation: SUPPORTED_API_VERSIONS,
  identity: ['2023-10-01', '2023-08-01'],
  rooms: ['2025-03-13', '2024-04-15'],
};

export type ApiVersionCheck =
  { ok: true; version: string } | { ok: false; error: ReturnType<typeof errors.apiVersionMissing> };

/** Pure check of the `api-version` query values. */
export function checkApiVersion(
  values: readonly string[],
  acceptAny: boolean,
  supported: readonly string[] = SUPPORTED_API_VERSIONS,
): ApiVersionCheck {
  if (values.length === 0 || values[0] === '')
    return { ok: false, error: errors.apiVersionMissing(supported[0]) };
  if (values.length > 1) return { ok: false, error: errors.apiVersionRepeated() };
  const version = values[0] as string;
  if (!acceptAny && !supported.includes(version)) {
    return { ok: false, error: errors.apiVersionUnsupported(version, supported) };
  }
  return { ok: true, version };
}

/**
 * The `api-version` values of a query string, as URLSearchParams reads them. The SDKs' query is
 * that one pair with nothing to decode, which needs no parser.
 */
export function apiVersionValues(query: string): string[] {
  if (query.startsWith('api-version=') && !/[&+%]/.test(query)) return [query.slice(12)];
  return new URLSearchParams(query).getAll('api-version');
}

export function apiVersion(acceptAny: boolean, api: ApiName = 'callAutomation'): RequestHandler {
  const supported = API_VERSIONS[api];
  return (req, res, next) => {
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
      : '';
    const result = checkApiVersion(apiVersionValues(query), acceptAny, supported);
    if (!result.ok) throw result.error;
    const context = getAcsContext(res);
    if (context) context.apiVersion = result.version;
    next();
  };
}
