/**
 * Emits TypeScript declarations for some of the converted swagger definitions (the JSON Schema
 * subset swagger-to-json-schema.ts produces) and every definition they reference. Small on purpose:
 * it knows exactly the constructs that converter emits and throws on anything else, so a new
 * construct in a future swagger is noticed rather than typed as `unknown`.
 *
 * - `$ref` -> the definition's name; string `enum` / `const` -> a union of literals;
 * - objects -> interfaces (`required` decides `?`); a map (`additionalProperties` schema) -> Record;
 * - a discriminated base (the converter's `allOf` of `if`/`then`) -> the union of its children,
 *   each child's discriminator property narrowed to its own value.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const REF = '#/definitions/';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const IGNORED = new Set(['format', 'minimum', 'maximum', 'readOnly', 'minItems', 'maxItems']);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refName(ref: Json | undefined): string {
  if (typeof ref !== 'string' || !ref.startsWith(REF)) throw new Error(`bad $ref ${String(ref)}`);
  return ref.slice(REF.length);
}

/** The children of a discriminated base: its `allOf` of `if {prop: const} then $ref`. */
function branches(schema: JsonObject): { child: string; property: string; value: string }[] {
  if (!Array.isArray(schema.allOf)) return [];
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

/** A TypeScript literal in the house's single quotes. */
export function literal(value: Json): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const MAX_LINE = 100;

/** `export type name = a | b;`, one member a line when one line would be too long. */
function typeAlias(name: string, members: string[]): string {
  const oneLine = `export type ${name} = ${members.join(' | ')};`;
  if (oneLine.length <= MAX_LINE) return oneLine;
  return `export type ${name} =${members.map((m) => `\n  | ${m}`).join('')};`;
}

function typeOf(schema: Json | undefined): string {
  if (!isObject(schema)) throw new Error(`unsupported schema ${JSON.stringify(schema)}`);
  const unknownKeys = Object.keys(schema).filter(
    (k) =>
      !IGNORED.has(k) &&
      !['type', '$ref', 'enum', 'const', 'items', 'properties', 'required'].includes(k) &&
      !['additionalProperties', 'allOf'].includes(k),
  );
  if (unknownKeys.length > 0) throw new Error(`unsupported keywords ${unknownKeys.join(', ')}`);
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
      const item = typeOf(schema.items);
      return item.includes(' ') ? `(${item})[]` : `${item}[]`;
    }
    case 'object':
    case undefined:
      return objectType(schema, '');
    default:
      throw new Error(`unsupported type ${JSON.stringify(schema.type)}`);
  }
}

function objectType(schema: JsonObject, indent: string, narrowed?: Record<string, string>): string {
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  const extra = schema.additionalProperties;
  if (!properties) {
    if (isObject(extra)) return `Record<string, ${typeOf(extra)}>`;
    return 'Record<string, unknown>';
  }
  if (isObject(extra)) throw new Error('properties together with a map are not supported');
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const lines = Object.entries(properties).map(([name, property]) => {
    const key = IDENTIFIER.test(name) ? name : `'${name}'`;
    const optional = required.has(name) ? '' : '?';
    return `${indent}  ${key}${optional}: ${narrowed?.[name] ?? typeOf(property)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
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
    .map((name) => {
      const schema = definitions[name] as JsonObject;
      const children = branches(schema);
      if (children.length > 0)
        return typeAlias(
          name,
          children.map((c) => c.child),
        );
      if (isObject(schema.properties))
        return `export interface ${name} ${objectType(schema, '', narrowing[name])}`;
      if (Array.isArray(schema.enum)) return typeAlias(name, schema.enum.map(literal));
      return typeAlias(name, [typeOf(schema)]);
    })
    .join('\n\n');
}
