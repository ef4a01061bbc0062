/**
 * api-version policy: required on every ACS route; every version published for Call Automation
 * (stable and preview) is accepted, anything else is refused unless --accept-any-api-version.
 * The list is the one fixtures/api-versions.json derives, with its sources, from the spec folders
 * and the SDKs' own version constants; a test keeps the two the same.
 */
import type { RequestHandler } from 'express';
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

export type ApiVersionCheck =
  { ok: true; version: string } | { ok: false; error: ReturnType<typeof errors.apiVersionMissing> };

/** Pure check of the `api-version` query values. */
export function checkApiVersion(values: readonly string[], acceptAny: boolean): ApiVersionCheck {
  if (values.length === 0 || values[0] === '')
    return { ok: false, error: errors.apiVersionMissing() };
  if (values.length > 1) return { ok: false, error: errors.apiVersionRepeated() };
  const version = values[0] as string;
  if (!acceptAny && !SUPPORTED_API_VERSIONS.includes(version)) {
    return { ok: false, error: errors.apiVersionUnsupported(version, SUPPORTED_API_VERSIONS) };
  }
  return { ok: true, version };
}

export function apiVersion(acceptAny: boolean): RequestHandler {
  return (req, res, next) => {
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
      : '';
    const result = checkApiVersion(new URLSearchParams(query).getAll('api-version'), acceptAny);
    if (!result.ok) throw result.error;
    const context = getAcsContext(res);
    if (context) context.apiVersion = result.version;
    next();
  };
}
