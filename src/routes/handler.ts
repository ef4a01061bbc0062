/**
 * The shape of an ACS operation handler: plain data in, plain data out, no req/res. A handler gets
 * the validated body typed from the swagger and returns only what differs from the generated
 * operation table (the success status comes from the table, not the handler).
 */
import type { CallRuntime } from '../calls/call-runtime.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { IdentityStore } from '../directory/identity-store.js';
import type { RoomStore } from '../directory/room-store.js';
import type { FaultInjection } from '../faults/fault-injection.js';
import type { HandlerInput, HandlerResult } from '../http/dispatch.js';
import type { RecordingService } from '../recordings/recording-service.js';
import type { OperationBodies, OperationId } from '../schemas/generated/operations.js';

export type { HandlerResult } from '../http/dispatch.js';

/** What a handler may use: the call and recording services, the clock, settings, fault injection. */
export interface Services {
  calls: CallRuntime;
  recordings: RecordingService;
  clock: Clock;
  config: Config;
  faults?: FaultInjection;
  /** Users of the Identity API. */
  identities: IdentityStore;
  /** Rooms of the Rooms API. */
  rooms: RoomStore;
}

export type HandlerContext<Body = unknown> = HandlerInput<Services, Body>;

/** The handler of one operation (or of several that share a body type, for a union of ids). */
export type Handler<Id extends OperationId> = (
  context: HandlerContext<OperationBodies[Id]>,
  // `void`, not `undefined`: a handler with nothing to add just ends without `return`, which
  // TypeScript types as void (it infers `undefined` only against a bare `undefined`).
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
) => HandlerResult | void;

/** Handlers by swagger operation id; each one gets its own operation's body type. */
export type HandlerTable = { readonly [Id in OperationId]?: Handler<Id> };
