/**
 * Fault rules for this operation (request phase): answer an ACS error, wait, reset the connection
 * or hang. Runs right after the operation is known and before api-version and auth, as a flaky
 * front end would. Costs nothing while no rule exists.
 */
import type { RequestHandler } from 'express';
import type { FaultTimers } from '../fault-timers.js';
import { LIMITS, type FaultMark, type RequestAction } from '../faults/fault-rule.js';
import type { FaultRules, TakenFault } from '../faults/fault-rules.js';
import { participantsOfJson } from '../faults/participants-of.js';
import { getAcsContext, rawBodyOf, type AcsContext } from './acs-context.js';
import { errors } from './errors.js';

export function markRequest(context: AcsContext, mark: FaultMark): void {
  (context.faults ??= []).push(mark);
}

export function injectFaults(rules: FaultRules, timers: FaultTimers): RequestHandler {
  return async (req, res, next) => {
    const context = getAcsContext(res);
    if (rules.size === 0 || !context) return next();
    const taken = rules.take({
      phase: 'request',
      operation: context.operation.id,
      callConnectionId: context.params.callConnectionId,
      participants: () => participantsOfJson(rawBodyOf(req.body)),
    }) as TakenFault<RequestAction> | undefined;
    if (!taken) return next();
    const { action, mark } = taken;
    switch (action.type) {
      case 'error':
        markRequest(context, mark);
        throw errors.injected(mark.ruleId, action);
      case 'delay':
        markRequest(context, mark);
        await timers.delay(mark.ms ?? 0);
        return next();
      case 'reset':
        markRequest(context, mark);
        req.socket.destroy();
        return;
      case 'hang': {
        const ms = action.ms ?? LIMITS.defaultHangMs;
        markRequest(context, { ...mark, ms });
        const close = () => req.socket.destroy();
        const cancel = timers.after(ms, close, { onReset: close, onStop: close });
        // A client that gives up first ends the wait too.
        res.on('close', cancel);
        return;
      }
    }
  };
}
