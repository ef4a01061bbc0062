/**
 * Asks the faults room about this request (request phase) and acts on the verdict: answer the
 * injected ACS error, go on after a delay, or send nothing when the connection was reset or hangs.
 * Runs right after the operation is known; costs nothing while no rule exists.
 */
import type { RequestHandler, Response } from 'express';
import type { FaultInjection } from '../faults/fault-injection.js';
import type { FaultMark } from '../faults/fault-rule.js';
import { participantsOfJson } from '../faults/participants-of.js';
import type { RequestSubject } from '../faults/request-phase.js';
import { getAcsContext, rawBodyOf, type AcsContext } from './acs-context.js';
import { errors } from './errors.js';

export function markRequest(context: AcsContext, mark: FaultMark): void {
  (context.faults ??= []).push(mark);
}

/**
 * What the fault rules know of the request, made once per request and shared by the request and
 * outcome phases: the body's participants are parsed from the raw bytes at most once.
 */
export function faultSubject(context: AcsContext, raw: Buffer): RequestSubject {
  if (context.faultSubject) return context.faultSubject;
  let participants: readonly string[] | undefined;
  const subject: RequestSubject = {
    operation: context.operation.id,
    ...(context.params.callConnectionId !== undefined
      ? { callConnectionId: context.params.callConnectionId }
      : {}),
    participants: () => (participants ??= participantsOfJson(raw)),
  };
  context.faultSubject = subject;
  return subject;
}

export function injectFaults(faults: FaultInjection): RequestHandler {
  return async (req, res: Response, next) => {
    const context = getAcsContext(res);
    if (faults.rules.size === 0 || !context) return next();
    const verdict = await faults.onRequest(faultSubject(context, rawBodyOf(req.body)), {
      destroy: () => req.socket.destroy(),
      onClose: (listener) => res.on('close', listener),
    });
    if (verdict.mark) markRequest(context, verdict.mark);
    if (verdict.type === 'error') throw errors.injected(verdict.mark.ruleId, verdict.action);
    if (verdict.type === 'proceed') next();
  };
}
