/** Turns ajv errors into short sentences that name the JSON path and the broken rule. */
import type { ErrorObject } from 'ajv';

function pathOf(instancePath: string): string {
  // `/targets/0/phoneNumber` -> `targets[0].phoneNumber`
  return instancePath
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

function describe(error: ErrorObject): string | undefined {
  const path = pathOf(error.instancePath);
  const at = path || 'the body';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${join(path, String(p.missingProperty))} is required`;
    case 'additionalProperties':
      return `unknown property '${String(p.additionalProperty)}'${path ? ` in ${path}` : ''}`;
    case 'type':
      return `${at} must be ${String(p.type).replace(',', ' or ')}`;
    case 'enum':
      return `${at} must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(p.allowedValue)}`;
    case 'format':
      return `${at} must be a valid ${String(p.format)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${at} ${error.message ?? 'is out of range'}`;
    case 'if':
      // The branch that failed reports its own errors; this wrapper adds nothing.
      return undefined;
    default:
      return `${at} ${error.message ?? `fails rule '${error.keyword}'`}`;
  }
}

/** Unique, ordered messages for a failed validation (at most `limit`, with a count of the rest). */
export function describeErrors(
  errors: readonly ErrorObject[] | null | undefined,
  limit = 10,
): string[] {
  const messages = [...new Set((errors ?? []).map(describe).filter((m): m is string => !!m))];
  if (messages.length <= limit) return messages;
  return [...messages.slice(0, limit), `and ${messages.length - limit} more problems`];
}
