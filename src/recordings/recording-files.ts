/**
 * The files of a stopped recording: the audio (what was heard while it was active) and the
 * metadata document the service writes beside it (its documented recording metadata schema).
 */
import { renderRecording, type HeardTone } from '../audio/render.js';
import { encodeMp3 } from '../audio/mp3.js';
import { encodeWav } from '../audio/wav.js';
import type { Call } from '../domain/call.js';
import type { Recording } from '../domain/recording-machine.js';

/** Call recordings are 16 kHz 16-bit PCM. */
export const RECORDING_SAMPLE_RATE = 16_000;

export interface RecordingFiles {
  content: Buffer;
  contentType: string;
  extension: string;
  metadata: Record<string, unknown>;
  durationMs: number;
  channels: number;
}

const activePeriods = (recording: Recording) =>
  recording.periods.map((p) => ({ start: p.start, end: p.end ?? recording.stoppedAt ?? p.start }));

/**
 * The tones a recording hears, each on its channel: every tone on channel 0 of a mixed
 * recording; a caller's tones on that caller's channel of an unmixed one. The app's own tones
 * (sendDtmfTones) have no participant channel to go on, so only mixed recordings hold them.
 */
export function heardTones(call: Call, recording: Recording): HeardTone[] {
  const mixed = recording.options.channelType === 'mixed';
  return (call.toneLog ?? []).flatMap((tone) => {
    if (mixed) return [{ key: tone.key, at: tone.at, durationMs: tone.durationMs, channel: 0 }];
    if (tone.source !== 'caller') return [];
    const channel = recording.options.channels.indexOf(tone.participant);
    return channel < 0
      ? []
      : [{ key: tone.key, at: tone.at, durationMs: tone.durationMs, channel }];
  });
}

export async function buildRecordingFiles(
  call: Call,
  recording: Recording,
  documentId: string,
  resourceId: string,
): Promise<RecordingFiles> {
  const periods = activePeriods(recording);
  const channels =
    recording.options.channelType === 'mixed' ? 1 : Math.max(1, recording.options.channels.length);
  const audio = renderRecording({
    periods,
    tones: heardTones(call, recording),
    channels,
    sampleRate: RECORDING_SAMPLE_RATE,
  });
  const durationMs = periods.reduce((sum, p) => sum + (p.end - p.start), 0);
  // No well-kept npm library writes MP4 video, so an mp4 recording gets the WAV (a README
  // difference); mp3 is real MP3.
  const mp3 = recording.options.formatType === 'mp3';
  const first = periods[0]?.start ?? recording.startedAt;
  const metadata = {
    resourceId,
    callId: call.correlationId,
    chunkDocumentId: documentId,
    chunkIndex: 0,
    chunkStartTime: new Date(first).toISOString(),
    chunkDuration: durationMs,
    pauseResumeIntervals: pauses(recording),
    recordingInfo: {
      contentType: recording.options.contentType,
      channelType: recording.options.channelType,
      format: mp3 ? 'mp3' : 'wav',
      audioConfiguration: {
        sampleRate: RECORDING_SAMPLE_RATE,
        bitRate: mp3 ? 48_000 : RECORDING_SAMPLE_RATE * 16 * channels,
        channels,
      },
    },
    participants:
      recording.options.channelType === 'mixed'
        ? call.participants.map((p) => ({ participantId: p.identifier.rawId }))
        : recording.options.channels.map((rawId, channel) => ({ participantId: rawId, channel })),
  };
  return {
    content: mp3
      ? await encodeMp3(audio, RECORDING_SAMPLE_RATE)
      : encodeWav(audio, RECORDING_SAMPLE_RATE),
    contentType: mp3 ? 'audio/mpeg' : 'audio/wav',
    extension: mp3 ? 'mp3' : 'wav',
    metadata,
    durationMs,
    channels,
  };
}

/** The pauses between active periods, as the metadata's pauseResumeIntervals. */
function pauses(recording: Recording): { startTime: string; duration: number }[] {
  const periods = activePeriods(recording);
  const out: { startTime: string; duration: number }[] = [];
  for (let i = 1; i < periods.length; i++) {
    const end = (periods[i - 1] as { end: number }).end;
    out.push({
      startTime: new Date(end).toISOString(),
      duration: (periods[i] as { start: number }).start - end,
    });
  }
  return out;
}
