/**
 * Validates a parsed request body against its swagger definition, then applies the rules the
 * schema cannot express, wherever they occur in the body: identifier models (see identifier.ts) and
 * callback URIs (absolute http or https URLs). Returns diagnostics; the HTTP edge picks the status.
 */
import { CallbackTargets } from '../callback-targets.js';
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
  /** Hosts callback URIs may use; empty allows any (used when `targets` is absent). */
  callbackAllow: readonly string[];
  /** The emulator's one URL check (allow-list, its own address, link-local); see callback-targets.ts. */
  targets?: CallbackTargets;
}

const ANY_HOST: RequestRules = { callbackAllow: [] };

/** Checks a URL the emulator would POST to; returns a problem or undefined. */
export function checkCallbackUri(
  value: string,
  path: string,
  rules: RequestRules = ANY_HOST,
): string | undefined {
  const targets =
    rules.targets ??
    new CallbackTargets({ allow: rules.callbackAllow, allowSelf: true, allowLinkLocal: true });
  return targets.problem(value, path);
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
