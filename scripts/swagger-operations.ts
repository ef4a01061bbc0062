/**
 * Reads the operations of the Call Automation swagger: for each path and method its operation id,
 * request body definition, first success status and response body definition, and whether it
 * declares the Repeatability-Request-ID header. Everything comes from the spec, nothing is typed
 * by hand, so a new swagger revision regenerates the table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_FILES } from './swagger-to-json-schema.js';

export interface SwaggerOperation {
  id: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: string;
  status: number;
  responseBody?: string;
  repeatable: boolean;
}

interface SwaggerParameter {
  $ref?: string;
  in?: string;
  name?: string;
  schema?: { $ref?: string };
}

interface SwaggerOperationObject {
  operationId: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, { schema?: { $ref?: string } }>;
}

interface Swagger {
  paths: Record<string, Record<string, SwaggerOperationObject>>;
  parameters?: Record<string, SwaggerParameter>;
}

const METHODS = new Set(['GET', 'POST', 'DELETE']);

function definitionName(ref: string | undefined): string | undefined {
  const marker = '#/definitions/';
  if (ref === undefined) return undefined;
  const at = ref.indexOf(marker);
  if (at < 0) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(at + marker.length);
}

function resolve(swagger: Swagger, parameter: SwaggerParameter): SwaggerParameter {
  if (parameter.$ref === undefined) return parameter;
  const name = parameter.$ref.replace('#/parameters/', '');
  const found = swagger.parameters?.[name];
  if (!found) throw new Error(`unknown parameter ${parameter.$ref}`);
  return found;
}

function toOperation(
  swagger: Swagger,
  path: string,
  method: string,
  op: SwaggerOperationObject,
): SwaggerOperation {
  const upper = method.toUpperCase();
  if (!METHODS.has(upper)) throw new Error(`${op.operationId}: unsupported method ${method}`);
  const parameters = (op.parameters ?? []).map((p) => resolve(swagger, p));
  const bodyParameter = parameters.find((p) => p.in === 'body');
  const success = Object.keys(op.responses)
    .filter((status) => /^2\d\d$/.test(status))
    .sort();
  const first = success[0];
  if (first === undefined) throw new Error(`${op.operationId} declares no success response`);
  const body = definitionName(bodyParameter?.schema?.$ref);
  if (bodyParameter && body === undefined) throw new Error(`${op.operationId}: inline body`);
  const responseBody = definitionName(op.responses[first]?.schema?.$ref);
  return {
    id: op.operationId,
    method: upper as SwaggerOperation['method'],
    path,
    ...(body !== undefined ? { body } : {}),
    status: Number(first),
    ...(responseBody !== undefined ? { responseBody } : {}),
    repeatable: parameters.some(
      (p) => p.in === 'header' && p.name?.toLowerCase() === 'repeatability-request-id',
    ),
  };
}

/** The swagger's operations in the order the swagger lists them. */
export function readSwaggerOperations(specRoot: string): SwaggerOperation[] {
  const swagger = JSON.parse(
    readFileSync(join(specRoot, SPEC_FILES.callAutomation), 'utf8'),
  ) as Swagger;
  return Object.entries(swagger.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => toOperation(swagger, path, method, op)),
  );
}
