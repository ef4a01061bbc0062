/**
 * Reads the operations of the served swaggers (Call Automation, Identity, Rooms): for each path and method its operation id,
 * request body definition, first success status and response body definition, and whether it
 * declares the Repeatability-Request-ID header. Everything comes from the spec, nothing is typed
 * by hand, so a new swagger revision regenerates the table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_SPECS, type ApiName } from './swagger-to-json-schema.js';

export interface SwaggerOperation {
  id: string;
  api: ApiName;
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  path: string;
  body?: string;
  status: number;
  responseBody?: string;
  repeatable: boolean;
  /** Consumes `application/merge-patch+json`: a `null` member means "remove". */
  mergePatch: boolean;
  /** The body parameter is not `required`: an empty body is accepted. */
  bodyOptional: boolean;
}

interface SwaggerParameter {
  $ref?: string;
  in?: string;
  name?: string;
  required?: boolean;
  schema?: { $ref?: string };
}

interface SwaggerOperationObject {
  operationId: string;
  consumes?: string[];
  parameters?: SwaggerParameter[];
  responses: Record<string, { schema?: { $ref?: string } }>;
}

interface Swagger {
  paths: Record<string, Record<string, SwaggerOperationObject>>;
  parameters?: Record<string, SwaggerParameter>;
}

const METHODS = new Set(['GET', 'POST', 'DELETE', 'PATCH']);

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
  api: ApiName,
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
    api,
    method: upper as SwaggerOperation['method'],
    path,
    ...(body !== undefined ? { body } : {}),
    status: Number(first),
    ...(responseBody !== undefined ? { responseBody } : {}),
    repeatable: parameters.some(
      (p) => p.in === 'header' && p.name?.toLowerCase() === 'repeatability-request-id',
    ),
    mergePatch: op.consumes?.includes('application/merge-patch+json') ?? false,
    bodyOptional: bodyParameter !== undefined && bodyParameter.required !== true,
  };
}

/** Every served swagger's operations, API by API, each in the order its swagger lists them. */
export function readSwaggerOperations(specRoot: string): SwaggerOperation[] {
  return Object.entries(API_SPECS).flatMap(([api, file]) => {
    const swagger = JSON.parse(readFileSync(join(specRoot, file), 'utf8')) as Swagger;
    return Object.entries(swagger.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) =>
        toOperation(api as ApiName, swagger, path, method, op),
      ),
    );
  });
}
