/**
 * Emits TypeScript declarations for some of the converted swagger definitions (the JSON Schema
 * subset swagger-to-json-schema.ts produces) and every definition they reference. Small on purpose:
 * it knows exactly the keywords that converter emits and throws on any other, so a new construct
 * in a future swagger is noticed rather than typed loosely.
 *
 * - `$ref` -> the definition's name; `enum` / `const` -> a union of literals;
 * - objects -> interfaces (`required` decides `?`); a map (`additionalProperties` schema) -> Record;
 * - a discriminated base (the converter's `allOf` of `if`/`then`) -> the union of its children,
 *   each child's discriminator property narrowed to its own value.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const REF = '#/definitions/';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_LINE = 100;
/** Keywords that shape the type. */
const TYPED = ['type', '$ref', 'enum', 'const', 'items', 'properties', 'required'];
/** Keywords only the validator cares about (ranges, formats): the TypeScript type ignores them. */
const VALIDATION_ONLY = [
  'format',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'readOnly',
  'default',
];
const KNOWN = new Set([...TYPED, ...VALIDATION_ONLY, 'additionalProperties']);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refName(ref: Json | undefined): string {
  if (typeof ref !== 'string' || !ref.startsWith(REF)) throw new Error(`bad $ref ${String(ref)}`);
  return ref.slice(REF.length);
}

/** A TypeScript literal in the house's single quotes. */
export function literal(value: Json): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The children of a discriminated base: its `allOf` of `if {prop: const} then $ref`. */
function branches(schema: JsonObject): { child: string; property: string; value: string }[] {
  if (schema.allOf === undefined) return [];
  if (!Array.isArray(schema.allOf)) throw new Error('allOf must be an array');
  return schema.allOf.map((branch) => {
    const condition = isObject(branch) && isObject(branch.if) ? branch.if.properties : undefined;
    const then = isObject(branch) ? branch.then : undefined;
    if (!isObject(condition) || !isObject(then)) throw new Error('unsupported allOf');
    const [property, test] = Object.entries(condition)[0] ?? [];
    if (property === undefined || !isObject(test) || typeof test.const !== 'string')
      throw new Error('unsupported discriminator');
    return { child: refName(then.$ref), property, value: test.const };
  });
}

function referenced(schema: Json, into: Set<string>): void {
  if (Array.isArray(schema)) schema.forEach((s) => referenced(s, into));
  else if (isObject(schema))
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref') into.add(refName(value));
      else referenced(value, into);
    }
}

/** The named definitions and everything they reference, sorted by name. */
export function closure(definitions: Record<string, JsonObject>, roots: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (seen.has(name)) continue;
    const schema = definitions[name];
    if (!schema) throw new Error(`unknown definition ${name}`);
    seen.add(name);
    const refs = new Set<string>();
    referenced(schema, refs);
    queue.push(...refs);
  }
  return [...seen].sort((a, b) => a.localeCompare(b));
}

function checkKeywords(schema: JsonObject): void {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) throw new Error(`unsupported keywords ${unknown.join(', ')}`);
}

function typeOf(schema: Json | undefined, indent: string): string {
  if (!isObject(schema)) throw new Error(`unsupported schema ${JSON.stringify(schema)}`);
  checkKeywords(schema);
  if (schema.$ref !== undefined) return refName(schema.$ref);
  if (schema.const !== undefined) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const item = typeOf(schema.items, indent);
      return /^[\w.]+$/.test(item) ? `${item}[]` : `(${item})[]`;
    }
    case 'object':
      return objectType(schema, indent);
    case undefined:
      // No `type`: an object when it says what it holds, otherwise anything JSON.
      return schema.properties !== undefined || schema.additionalProperties !== undefined
        ? objectType(schema, indent)
        : 'unknown';
    default:
      throw new Error(`unsupported type ${JSON.stringify(schema.type)}`);
  }
}

function objectType(schema: JsonObject, indent: string, narrowed?: Record<string, string>): string {
  const extra = schema.additionalProperties;
  if (!isObject(schema.properties))
    return `Record<string, ${isObject(extra) ? typeOf(extra, indent) : 'unknown'}>`;
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const inner = `${indent}  `;
  const lines = Object.entries(schema.properties).map(([name, property]) => {
    const key = IDENTIFIER.test(name) ? name : literal(name);
    const optional = required.has(name) ? '' : '?';
    return `${inner}${key}${optional}: ${narrowed?.[name] ?? typeOf(property, inner)};`;
  });
  // Only declared extras get an index signature: a schema without `additionalProperties` lets
  // unknown keys through, but typing them would hide misspelt property names in handlers.
  if (extra === true || isObject(extra)) lines.push(`${inner}[key: string]: unknown;`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** `export type name = a | b;`, one member a line when one line would be too long. */
function typeAlias(name: string, members: string[]): string {
  const oneLine = `export type ${name} = ${members.join(' | ')};`;
  if (oneLine.length <= MAX_LINE) return oneLine;
  return `export type ${name} =${members.map((m) => `\n  | ${m}`).join('')};`;
}

function declaration(name: string, schema: JsonObject, narrowed?: Record<string, string>): string {
  const children = branches(schema);
  if (children.length > 0)
    return typeAlias(
      name,
      children.map((c) => c.child),
    );
  checkKeywords(schema);
  if (isObject(schema.properties))
    return `export interface ${name} ${objectType(schema, '', narrowed)}`;
  if (Array.isArray(schema.enum)) return typeAlias(name, schema.enum.map(literal));
  return typeAlias(name, [typeOf(schema, '')]);
}

/** `export` declarations for the named definitions and their references. */
export function renderTypeDeclarations(
  definitions: Record<string, JsonObject>,
  roots: string[],
): string {
  const names = closure(definitions, roots);
  const narrowing: Record<string, Record<string, string>> = {};
  for (const name of names)
    for (const { child, property, value } of branches(definitions[name] as JsonObject))
      (narrowing[child] ??= {})[property] = literal(value);
  return names
    .map((name) => declaration(name, definitions[name] as JsonObject, narrowing[name]))
    .join('\n\n');
}
