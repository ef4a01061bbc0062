/**
 * One call recording as a pure machine: start, pause, resume, stop (by the app or because the call
 * ended). Each change of state is a RecordingStateChanged event; the active periods it keeps are
 * what the recorded audio holds.
 */
import { emit, type Effect } from './effect.js';

export type RecordingStatus = 'active' | 'paused' | 'stopped';

export interface RecordingOptions {
  contentType: 'audio' | 'audioVideo';
  channelType: 'mixed' | 'unmixed';
  formatType: 'wav' | 'mp3' | 'mp4';
  /** Participants' raw ids in channel order (unmixed); the first channel is index 0. */
  channels: readonly string[];
  /** recordingStateCallbackUri; the call's callbackUri when absent. */
  callbackUri?: string;
  /** externalStorage of kind azureBlobStorage. */
  blobContainerUrl?: string;
}

export interface Recording {
  recordingId: string;
  callConnectionId: string;
  serverCallId: string;
  options: RecordingOptions;
  status: RecordingStatus;
  startedAt: number;
  /** Periods recorded; the last one has no end while active. */
  periods: readonly { start: number; end?: number }[];
  stoppedAt?: number;
  /** Why it stopped: the app stopped it, or the call ended. */
  endReason?: 'stopped' | 'callEnded';
}

export type RecordingInput =
  | { type: 'pause'; at: number }
  | { type: 'resume'; at: number }
  | { type: 'stop'; at: number; reason: 'stopped' | 'callEnded' };

export type RecordingStep =
  { ok: true; recording: Recording; effects: Effect<never>[] } | { ok: false; reason: 'stopped' };

/** The state the service reports: active while recording, inactive while paused or stopped. */
export const recordingState = (recording: Recording): 'active' | 'inactive' =>
  recording.status === 'active' ? 'active' : 'inactive';

/** RecordingStateChanged as the swagger defines it (recordingKind is always the ACS kind here). */
function stateChanged(recording: Recording): Effect<never> {
  return emit('RecordingStateChanged', {
    ...(recording.options.callbackUri !== undefined
      ? { callbackUri: recording.options.callbackUri }
      : {}),
    data: {
      recordingId: recording.recordingId,
      state: recordingState(recording),
      startDateTime: new Date(recording.startedAt).toISOString(),
      recordingKind: 'azureCommunicationServices',
    },
  });
}

/** A new recording and its first event; `pauseOnStart` begins it paused. */
export function startRecording(
  fields: Omit<Recording, 'status' | 'periods'>,
  pauseOnStart: boolean,
): { recording: Recording; effects: Effect<never>[] } {
  const recording: Recording = {
    ...fields,
    status: pauseOnStart ? 'paused' : 'active',
    periods: pauseOnStart ? [] : [{ start: fields.startedAt }],
  };
  return { recording, effects: [stateChanged(recording)] };
}

const closePeriods = (periods: Recording['periods'], at: number): Recording['periods'] =>
  periods.map((p) => (p.end === undefined ? { start: p.start, end: Math.max(p.start, at) } : p));

export function stepRecording(recording: Recording, input: RecordingInput): RecordingStep {
  if (recording.status === 'stopped') return { ok: false, reason: 'stopped' };
  switch (input.type) {
    case 'pause': {
      // Pausing a paused recording changes nothing and tells nobody.
      if (recording.status === 'paused') return { ok: true, recording, effects: [] };
      const next: Recording = {
        ...recording,
        status: 'paused',
        periods: closePeriods(recording.periods, input.at),
      };
      return { ok: true, recording: next, effects: [stateChanged(next)] };
    }
    case 'resume': {
      if (recording.status === 'active') return { ok: true, recording, effects: [] };
      const next: Recording = {
        ...recording,
        status: 'active',
        periods: [...recording.periods, { start: input.at }],
      };
      return { ok: true, recording: next, effects: [stateChanged(next)] };
    }
    case 'stop': {
      const next: Recording = {
        ...recording,
        status: 'stopped',
        periods: closePeriods(recording.periods, input.at),
        stoppedAt: input.at,
        endReason: input.reason,
      };
      return { ok: true, recording: next, effects: [stateChanged(next)] };
    }
  }
}
