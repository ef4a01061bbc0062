/**
 * Converts the swagger 2.0 definitions of Call Automation, Identity and Rooms (plus the shared
 * common.json identifier and error models) into one JSON Schema (draft-07) `definitions` map that ajv can compile.
 *
 * Rules, all mechanical so the schemas never drift from the spec:
 * - `$ref`s into common.json become local `#/definitions/<Name>`; a swagger definition that is only a
 *   `$ref` to the common model of the same name is replaced by that model.
 * - vendor extensions (`x-ms-*`), `description`, `summary`, `title` and `example` are dropped.
 * - a base with a swagger `discriminator` becomes a dispatcher: the discriminator property must be one
 *   of the children's `x-ms-discriminator-value`s, and `if`/`then` applies the matching child. Each
 *   child is flattened (its `allOf` base merged in) so `additionalProperties: false` still works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const DROPPED_KEYS = new Set(['description', 'summary', 'title', 'example', 'discriminator']);

export const SPEC_FILES = {
  callAutomation: 'CallAutomation/stable/2026-03-12/communicationservicescallautomation.json',
  identity: 'Identity/stable/2023-10-01/CommunicationIdentity.json',
  rooms: 'Rooms/stable/2025-03-13/communicationservicesrooms.json',
  common: 'Common/stable/2025-06-30/common.json',
} as const;

/** The APIs the emulator serves, each with its own swagger (they share the common models). */
export const API_SPECS = {
  callAutomation: SPEC_FILES.callAutomation,
  identity: SPEC_FILES.identity,
  rooms: SPEC_FILES.rooms,
} as const;

export type ApiName = keyof typeof API_SPECS;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function localRef(ref: string): string {
  const hash = ref.indexOf('#/definitions/');
  if (hash < 0) throw new Error(`unsupported $ref ${ref}`);
  return `#/definitions/${ref.slice(hash + '#/definitions/'.length)}`;
}

function clean(node: Json): Json {
  if (Array.isArray(node)) return node.map(clean);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || DROPPED_KEYS.has(key)) continue;
    if (key === '$ref' && typeof value === 'string') {
      out[key] = localRef(value);
      continue;
    }
    // `properties` maps names to schemas: keep every name, even ones such as `description`.
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, clean(s)]));
      continue;
    }
    out[key] = clean(value);
  }
  return out;
}

function flattenChild(child: JsonObject, base: JsonObject): JsonObject {
  const merged: JsonObject = { ...child };
  delete merged.allOf;
  const baseProps = isObject(base.properties) ? base.properties : {};
  const ownProps = isObject(child.properties) ? child.properties : {};
  merged.type = 'object';
  merged.properties = { ...baseProps, ...ownProps };
  const required = [
    ...(Array.isArray(base.required) ? base.required : []),
    ...(Array.isArray(child.required) ? child.required : []),
  ];
  if (required.length > 0) merged.required = [...new Set(required)];
  return merged;
}

export function convertSwaggerDefinitions(specRoot: string): Record<string, JsonObject> {
  const read = (file: string) =>
    JSON.parse(readFileSync(join(specRoot, file), 'utf8')) as JsonObject;
  const commonDefs = read(SPEC_FILES.common).definitions as Record<string, JsonObject>;

  const raw: Record<string, JsonObject> = {};
  for (const [name, def] of Object.entries(commonDefs)) raw[name] = def;
  const owner: Record<string, string> = {};
  for (const file of Object.values(API_SPECS)) {
    const swaggerDefs = read(file).definitions as Record<string, JsonObject>;
    for (const [name, def] of Object.entries(swaggerDefs)) {
      const onlyRef = Object.keys(def).length === 1 && typeof def.$ref === 'string';
      if (onlyRef && localRef(def.$ref as string) === `#/definitions/${name}` && raw[name])
        continue;
      // One namespace for every API: a name two swaggers define differently would be ambiguous.
      const earlier = owner[name];
      if (earlier !== undefined && JSON.stringify(raw[name]) !== JSON.stringify(def))
        throw new Error(`definition ${name} differs between ${earlier} and ${file}`);
      owner[name] = file;
      raw[name] = def;
    }
  }

  const out: Record<string, JsonObject> = {};
  for (const [name, def] of Object.entries(raw)) out[name] = clean(def) as JsonObject;

  // Discriminated bases: dispatch to the flattened child by discriminator value.
  for (const [baseName, baseDef] of Object.entries(raw)) {
    const discriminator = baseDef.discriminator;
    if (typeof discriminator !== 'string') continue;
    const base = out[baseName] as JsonObject;
    const children = Object.entries(raw).filter(([, def]) =>
      Array.isArray(def.allOf)
        ? def.allOf.some((p) => isObject(p) && p.$ref === `#/definitions/${baseName}`)
        : false,
    );
    const branches: JsonObject[] = [];
    const values: string[] = [];
    for (const [childName, childDef] of children) {
      const value = childDef['x-ms-discriminator-value'];
      if (typeof value !== 'string') throw new Error(`${childName} has no discriminator value`);
      values.push(value);
      out[childName] = flattenChild(out[childName] as JsonObject, base);
      branches.push({
        if: { properties: { [discriminator]: { const: value } }, required: [discriminator] },
        then: { $ref: `#/definitions/${childName}` },
      });
    }
    const baseProps = isObject(base.properties) ? base.properties : {};
    out[baseName] = {
      ...base,
      required: [
        ...new Set([...(Array.isArray(base.required) ? base.required : []), discriminator]),
      ],
      properties: { ...baseProps, [discriminator]: { type: 'string', enum: values } },
      allOf: branches,
    };
  }
  return out;
}
