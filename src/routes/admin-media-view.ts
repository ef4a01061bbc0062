/** The control API's view of a call's media: running and queued operations, tones in and out. */
import type { Call } from '../domain/call.js';
import type { MediaOp } from '../domain/media-machine.js';
import { keyOf } from '../domain/tones.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function opView(op: MediaOp): Record<string, unknown> {
  const common = {
    kind: op.kind,
    id: op.id,
    operationContext: op.operationContext,
    operationCallbackUri: op.callbackUri,
    queuedAt: iso(op.queuedAt),
    startedAt: iso(op.startedAt),
  };
  if (op.kind === 'play') {
    return { ...common, status: op.phase, playTo: op.spec.playTo, loop: op.spec.loop };
  }
  return {
    ...common,
    status: op.state.phase,
    recognizeInputType: op.spec.inputType,
    targetParticipant: op.spec.participant,
    tonesCollected: op.state.tones,
    maxTonesToCollect: op.spec.maxTones,
    stopTones: op.spec.stopTones,
  };
}

export function adminMediaView(call: Call): Record<string, unknown> {
  return {
    ...(call.incomingCallContext ? { incomingCallContext: call.incomingCallContext } : {}),
    mediaOperations: (call.media ?? []).map(opView),
    sentDtmf: (call.sentDtmf ?? []).map((s) => ({
      targetParticipant: s.participant,
      tones: s.tones,
      keys: s.tones.map(keyOf).join(''),
      operationContext: s.operationContext,
      status: s.status,
      at: iso(s.at),
    })),
    tonesPressed: call.tonesPressed ?? '',
    lastToneSequenceId: call.toneSequence ?? 0,
    utterances: (call.utterances ?? []).map((u) => ({
      participant: u.participant,
      text: u.text,
      confidence: u.confidence,
      durationMs: u.durationMs,
      at: iso(u.at),
    })),
  };
}
