/**
 * The shape of an ACS operation handler: plain data in, plain data out, no req/res. A handler gets
 * the validated body typed from the swagger and returns only what differs from the generated
 * operation table (the success status comes from the table, not the handler).
 */
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { CallRuntime } from '../domain/call-runtime.js';
import type { InjectedFailure } from '../faults/fault-rule.js';
import type { FaultRules } from '../faults/fault-rules.js';
import type { OperationBodies, OperationId } from '../schemas/generated/operations.js';

export interface Services {
  calls: CallRuntime;
  clock: Clock;
  config: Config;
  /** Fault rules; `failOperation` ones are taken when a handler accepts an operation. */
  faults?: FaultRules;
}

export interface HandlerContext<Body = unknown> {
  params: Record<string, string>;
  /** The body the validator accepted (`undefined` for operations that take none). */
  body: Body;
  apiVersion: string;
  services: Services;
  /** Set when a `failOperation` rule makes this accepted operation fail. */
  failure?: InjectedFailure;
}

/** What a handler adds to the table's answer: a JSON body, response headers. */
export interface HandlerResult {
  body?: unknown;
  headers?: Record<string, string>;
}

/** The handler of one operation (or of several that share a body type, for a union of ids). */
export type Handler<Id extends OperationId> = (
  context: HandlerContext<OperationBodies[Id]>,
  // `void`, not `undefined`: a handler with nothing to add just ends without `return`, which
  // TypeScript types as void (it infers `undefined` only against a bare `undefined`).
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
) => HandlerResult | void;

/** Handlers by swagger operation id; each one gets its own operation's body type. */
export type HandlerTable = { readonly [Id in OperationId]?: Handler<Id> };
