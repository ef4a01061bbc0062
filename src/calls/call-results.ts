/** What the call service answers when a call is admitted or a machine input applied. */
import type { Call } from '../domain/call.js';
import type { Rejection } from '../domain/call-machine.js';

export type Admission =
  { ok: true; call: Call } | { ok: false; reason: 'callLimit'; limit: number };

export type ApplyResult =
  { ok: true; call: Call } | { ok: false; rejection: Rejection | { reason: 'notFound' } };
