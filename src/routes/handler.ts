/** The shape of an ACS operation handler: plain data in, plain data out, no req/res. */
import type { CallRuntime } from '../calls/call-runtime.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { FaultInjection } from '../faults/fault-injection.js';
import type { HandlerInput, Reply } from '../http/dispatch.js';

export type { Reply } from '../http/dispatch.js';

/** What a handler may use: the call service, the clock, the settings and fault injection. */
export interface Services {
  calls: CallRuntime;
  clock: Clock;
  config: Config;
  faults?: FaultInjection;
}

export type HandlerContext = HandlerInput<Services>;

export type Handler = (context: HandlerContext) => Reply;

/** Handlers by swagger operation id. */
export type HandlerTable = Readonly<Record<string, Handler>>;
