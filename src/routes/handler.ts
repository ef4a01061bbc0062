/** The shape of an ACS operation handler: plain data in, plain data out, no req/res. */
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { CallRuntime } from '../domain/call-runtime.js';

export interface Services {
  calls: CallRuntime;
  clock: Clock;
  config: Config;
}

export interface HandlerContext {
  params: Record<string, string>;
  /** The validated body, for operations that take one. */
  body: unknown;
  apiVersion: string;
  services: Services;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export type Handler = (context: HandlerContext) => Reply;

/** Handlers by swagger operation id. */
export type HandlerTable = Readonly<Record<string, Handler>>;
