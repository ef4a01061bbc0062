/**
 * What a call keeps for its whole life, made small (issue 20: memory per idle call). A service
 * with 100k live calls holds each of them for minutes while nothing happens, so the stored form
 * drops what costs bytes and says nothing: keys whose value is `undefined` (JSON never shows
 * them), a fresh empty DTMF record per call (one frozen record serves all), and the same callback
 * URL copied into every call (the caller's pool hands back one shared copy).
 */
import type { Call } from './call.js';

/** The DTMF record of a call without continuous recognition: shared, so frozen. */
export const NO_DTMF: Call['dtmf'] = Object.freeze({});

/** Returns the one kept copy of a string equal to `value` (a bounded pool in the caller). */
export type Intern = (value: string) => string;

export function compactCall(call: Call, intern: Intern): Call {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(call) as (keyof Call)[]) {
    const value = call[key];
    if (value !== undefined) out[key] = value;
  }
  const compact = out as unknown as Call;
  compact.callbackUri = intern(call.callbackUri);
  if (Object.keys(call.dtmf).length === 0) compact.dtmf = NO_DTMF;
  return compact;
}
