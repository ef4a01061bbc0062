/**
 * Finds the generated swagger operation a method and raw path target. Matching is done here,
 * once, so journal, faults, logs and handlers all know the operation id and Express never sees a
 * path containing `:`.
 */
import { OPERATIONS, type OperationSpec } from '../schemas/generated/operations.js';

export interface OperationMatch {
  operation: OperationSpec;
  params: Record<string, string>;
}

export type MatchResult =
  | { kind: 'match'; match: OperationMatch }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' };

interface CompiledPath {
  api: OperationSpec['api'];
  path: string;
  regex: RegExp;
  names: string[];
  /** The literal text after the last path parameter: a path that does not end with it cannot match. */
  tail: string;
  tailSlash: string;
  operations: OperationSpec[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  let source = '';
  for (const part of path.split(/(\{[A-Za-z]+\})/)) {
    const name = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
    if (name) {
      names.push(name);
      // A path id is one segment and stops before `:action` (ids never contain a raw `:`;
      // a client that needs one must percent-encode it).
      source += '([^/:]+)';
    } else source += escapeRegex(part);
  }
  return { regex: new RegExp(`^${source}/?$`), names };
}

function tailOf(path: string): { tail: string; tailSlash: string } {
  const tail = path.slice(path.lastIndexOf('}') + 1);
  return { tail, tailSlash: `${tail}/` };
}

const COMPILED: CompiledPath[] = [];
for (const operation of OPERATIONS) {
  let entry = COMPILED.find((c) => c.path === operation.path);
  if (!entry) {
    entry = {
      api: operation.api,
      path: operation.path,
      ...compile(operation.path),
      ...tailOf(operation.path),
      operations: [],
    };
    COMPILED.push(entry);
  }
  entry.operations.push(operation);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Finds the operation for a method and a raw (still percent-encoded) path, among one API's
 * operations when `api` is given (each API is mounted under its own paths).
 */
export function matchOperation(
  method: string,
  rawPath: string,
  api?: OperationSpec['api'],
): MatchResult {
  for (const entry of COMPILED) {
    if (api !== undefined && entry.api !== api) continue;
    // A string test before the regex: most entries fail it (the regex allows one trailing `/`).
    if (!rawPath.endsWith(entry.tail) && !rawPath.endsWith(entry.tailSlash)) continue;
    const m = entry.regex.exec(rawPath);
    if (!m) continue;
    const operation = entry.operations.find((o) => o.method === method);
    if (!operation) return { kind: 'wrong-method', allowed: entry.operations.map((o) => o.method) };
    const params: Record<string, string> = {};
    entry.names.forEach((name, i) => {
      params[name] = safeDecode(m[i + 1] as string);
    });
    return { kind: 'match', match: { operation, params } };
  }
  return { kind: 'none' };
}
