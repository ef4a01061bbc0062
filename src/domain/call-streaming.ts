/**
 * The call's two streaming subscriptions (media, transcription) as the call machine uses them:
 * step one by kind, start the ones set to start on connect, stop both when the call ends.
 */
import type { Call } from './call.js';
import { summarizeUtterances } from './call-summary.js';
import { emit, type EmitEffect } from './effect.js';
import { stepStreaming, type StreamingInput, type StreamKind } from './streaming-machine.js';

/** Steps the subscription of `kind`; a call set up without it is left as it is. */
export function stepCallStreaming(
  call: Call,
  kind: StreamKind,
  input: StreamingInput,
): { call: Call; effects: EmitEffect[] } {
  if (kind === 'media') {
    if (!call.mediaStreaming) return { call, effects: [] };
    const step = stepStreaming('media', call.mediaStreaming, input);
    return { call: { ...call, mediaStreaming: step.subscription }, effects: step.effects };
  }
  if (!call.transcription) return { call, effects: [] };
  const step = stepStreaming('transcription', call.transcription, input);
  return { call: { ...call, transcription: step.subscription }, effects: step.effects };
}

/**
 * summarizeCall: TranscriptionCallSummaryUpdated with a summary of what was said so far (the
 * swagger's transcriptionUpdate carries it in transcriptionMessage).
 */
export function summarizeCall(
  call: Call,
  request: { operationContext?: string; callbackUri?: string },
): EmitEffect {
  return emit('TranscriptionCallSummaryUpdated', {
    ...(request.operationContext !== undefined
      ? { operationContext: request.operationContext }
      : {}),
    ...(request.callbackUri !== undefined ? { callbackUri: request.callbackUri } : {}),
    data: {
      transcriptionUpdate: {
        transcriptionStatus: 'callSummaryUpdated',
        transcriptionStatusDetails: 'callSummarySuccess',
        transcriptionMessage: summarizeUtterances(call.utterances ?? []),
      },
    },
  });
}

/** startMediaStreaming / startTranscription set in the call's setup take effect on connect. */
export function startOnConnect(call: Call): Call {
  let next = call;
  if (call.mediaStreaming?.setup.startOnConnect)
    next = stepCallStreaming(next, 'media', { type: 'start' }).call;
  if (call.transcription?.setup.startOnConnect)
    next = stepCallStreaming(next, 'transcription', { type: 'start' }).call;
  return next;
}

/** The call ended: active subscriptions report Stopped, every subscription goes inactive. */
export function endStreaming(call: Call): { call: Call; effects: EmitEffect[] } {
  const media = stepCallStreaming(call, 'media', { type: 'callEnded' });
  const transcription = stepCallStreaming(media.call, 'transcription', { type: 'callEnded' });
  return { call: transcription.call, effects: [...media.effects, ...transcription.effects] };
}
