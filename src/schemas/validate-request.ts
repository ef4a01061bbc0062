/**
 * Validates a parsed request body against its swagger definition, then applies the rules the
 * schema cannot express, wherever they occur in the body: identifier models (see identifier.ts) and
 * callback URIs (absolute http or https URLs). Returns diagnostics; the HTTP edge picks the status.
 */
import { SWAGGER_DEFINITIONS, type DefinitionName } from './generated/definitions.js';
import { validatorFor } from './ajv.js';
import { describeErrors } from './diagnostics.js';
import { checkIdentifier, type IdentifierModel } from './identifier.js';

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: string[] };

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode };

const IDENTIFIER_REF = '#/definitions/CommunicationIdentifierModel';
const CALLBACK_PROPERTY = /callbackuri$/i;

function definition(ref: string): SchemaNode | undefined {
  const name = ref.slice('#/definitions/'.length) as DefinitionName;
  return SWAGGER_DEFINITIONS[name] as SchemaNode | undefined;
}

/** Rules that depend on configuration. */
export interface RequestRules {
  /** Hosts callback URIs may use; empty allows any. */
  callbackAllow: readonly string[];
}

const ANY_HOST: RequestRules = { callbackAllow: [] };

function hostAllowed(url: URL, allow: readonly string[]): boolean {
  if (allow.length === 0) return true;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allow.some((entry) => {
    const [pattern, allowedPort] = entry.startsWith('[')
      ? [entry.slice(0, entry.indexOf(']') + 1), entry.split(']:')[1]]
      : entry.split(':');
    if (allowedPort !== undefined && allowedPort !== port) return false;
    if (pattern?.startsWith('*.')) return host.endsWith(pattern.slice(1));
    return host === pattern;
  });
}

/** Checks that a callback URI is an absolute http(s) URL on an allowed host; returns a problem or undefined. */
export function checkCallbackUri(
  value: string,
  path: string,
  rules: RequestRules = ANY_HOST,
): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${path} must be an absolute http or https URL (got '${value}')`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${path} must use http or https (got '${url.protocol.slice(0, -1)}')`;
  }
  if (!hostAllowed(url, rules.callbackAllow)) {
    return `${path} host '${url.host}' is not allowed; --callback-allow (ACS_EMULATOR_CALLBACK_ALLOW) permits ${rules.callbackAllow.join(', ')}`;
  }
  return undefined;
}

function walk(
  node: SchemaNode | undefined,
  data: unknown,
  path: string,
  problems: string[],
  rules: RequestRules,
  depth = 0,
): void {
  if (!node || depth > 32 || data === null || typeof data !== 'object') return;
  if (node.$ref === IDENTIFIER_REF) {
    const check = checkIdentifier(data as IdentifierModel, path);
    if ('problems' in check) problems.push(...check.problems);
    return;
  }
  if (node.$ref) return walk(definition(node.$ref), data, path, problems, rules, depth + 1);
  if (Array.isArray(data)) {
    data.forEach((item, i) => walk(node.items, item, `${path}[${i}]`, problems, rules, depth + 1));
    return;
  }
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const value = (data as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const childPath = path ? `${path}.${name}` : name;
    if (typeof value === 'string' && CALLBACK_PROPERTY.test(name)) {
      const problem = checkCallbackUri(value, childPath, rules);
      if (problem) problems.push(problem);
    } else walk(child, value, childPath, problems, rules, depth + 1);
  }
}

/** Validates `body` as the named swagger definition. */
export function validateRequest<T>(
  name: DefinitionName,
  body: unknown,
  rules: RequestRules = ANY_HOST,
): Validation<T> {
  const validate = validatorFor(name);
  if (!validate(body)) return { ok: false, problems: describeErrors(validate.errors) };
  const problems: string[] = [];
  walk({ $ref: `#/definitions/${name}` }, body, '', problems, rules);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: body as T };
}
