/** The shape of an ACS operation handler: plain data in, plain data out, no req/res. */
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { CallRuntime } from '../domain/call-runtime.js';
import type { InjectedFailure } from '../faults/fault-rule.js';
import type { FaultRules } from '../faults/fault-rules.js';

export interface Services {
  calls: CallRuntime;
  clock: Clock;
  config: Config;
  /** Fault rules; `failOperation` ones are taken when a handler accepts an operation. */
  faults?: FaultRules;
}

export interface HandlerContext {
  params: Record<string, string>;
  /** The validated body, for operations that take one. */
  body: unknown;
  apiVersion: string;
  services: Services;
  /** Set when a `failOperation` rule makes this accepted operation fail. */
  failure?: InjectedFailure;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export type Handler = (context: HandlerContext) => Reply;

/** Handlers by swagger operation id. */
export type HandlerTable = Readonly<Record<string, Handler>>;
