/**
 * What a recording sounds like: silence, and each tone heard during an active (not paused) period
 * at its offset in the recorded audio. Times are the emulator clock's milliseconds; the audio holds
 * only the active periods, back to back, as the service's recording does.
 */
import { dtmfTone, silence } from './synthesize.js';

export interface ActivePeriod {
  start: number;
  end: number;
}

export interface HeardTone {
  key: string;
  at: number;
  durationMs: number;
  /** Index of the output channel (0 for a mixed recording). */
  channel: number;
}

export interface RenderRequest {
  periods: readonly ActivePeriod[];
  tones: readonly HeardTone[];
  channels: number;
  sampleRate: number;
}

const samplesOf = (ms: number, rate: number): number => Math.round((ms * rate) / 1000);

export function renderRecording({
  periods,
  tones,
  channels,
  sampleRate,
}: RenderRequest): Int16Array[] {
  const totalMs = periods.reduce((sum, p) => sum + Math.max(0, p.end - p.start), 0);
  const out = Array.from({ length: Math.max(1, channels) }, () =>
    silence(samplesOf(totalMs, sampleRate)),
  );
  let offsetMs = 0;
  for (const period of periods) {
    for (const tone of tones) {
      const from = Math.max(tone.at, period.start);
      const to = Math.min(tone.at + tone.durationMs, period.end);
      const target = out[tone.channel];
      if (to <= from || !target) continue;
      const signal = dtmfTone(tone.key, sampleRate, tone.durationMs);
      const skip = samplesOf(from - tone.at, sampleRate);
      const length = samplesOf(to - from, sampleRate);
      const position = samplesOf(offsetMs + from - period.start, sampleRate);
      const piece = signal.subarray(skip, skip + length);
      for (let i = 0; i < piece.length && position + i < target.length; i++) {
        // Tones that overlap on one channel add up, clipped like a real mixer.
        const sum = (target[position + i] as number) + (piece[i] as number);
        target[position + i] = Math.max(-32768, Math.min(32767, sum));
      }
    }
    offsetMs += Math.max(0, period.end - period.start);
  }
  return out;
}
