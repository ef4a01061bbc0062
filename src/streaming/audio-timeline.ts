/**
 * What each participant sends into the call, as PCM segments on the emulator clock, and the 20 ms
 * frames cut from them. Keys are placed one after another (a key pressed while another sounds
 * waits for it), speech starts when it is said; time not covered by a segment is silence.
 */
import { dtmfTone, speechPlaceholder } from '../audio/synthesize.js';

/** The length of one key's tone and the pause after it (a typical keypad press). */
export const TONE_MS = 100;
export const TONE_GAP_MS = 50;
/** Every AudioData frame holds 20 ms of audio (the service's packet length). */
export const FRAME_MS = 20;

interface Segment {
  start: number;
  samples: Int16Array;
}

export class AudioTimeline {
  private readonly segments = new Map<string, Segment[]>();
  /** When each participant's keypad is free again. */
  private readonly keypadFree = new Map<string, number>();

  constructor(readonly sampleRate: number) {}

  get samplesPerFrame(): number {
    return (this.sampleRate * FRAME_MS) / 1000;
  }

  key(participant: string, key: string, at: number): void {
    const start = Math.max(at, this.keypadFree.get(participant) ?? at);
    this.keypadFree.set(participant, start + TONE_MS + TONE_GAP_MS);
    this.add(participant, { start, samples: dtmfTone(key, this.sampleRate, TONE_MS) });
  }

  speech(participant: string, text: string, at: number, durationMs: number): void {
    this.add(participant, {
      start: at,
      samples: speechPlaceholder(text, this.sampleRate, durationMs),
    });
  }

  /** The participant's frame starting at `windowStart`; segments that ended before it are dropped. */
  frame(participant: string, windowStart: number): Int16Array {
    const out = new Int16Array(this.samplesPerFrame);
    const list = this.segments.get(participant);
    if (!list) return out;
    const perMs = this.sampleRate / 1000;
    for (const segment of list) {
      const offset = Math.round((windowStart - segment.start) * perMs);
      for (let i = 0; i < out.length; i++) {
        const j = offset + i;
        if (j >= 0 && j < segment.samples.length)
          out[i] = clamp((out[i] ?? 0) + (segment.samples[j] ?? 0));
      }
    }
    const windowEnd = windowStart + FRAME_MS;
    this.segments.set(
      participant,
      list.filter((s) => s.start + s.samples.length / perMs > windowEnd),
    );
    return out;
  }

  private add(participant: string, segment: Segment): void {
    const list = this.segments.get(participant) ?? [];
    list.push(segment);
    this.segments.set(participant, list);
  }
}

const clamp = (v: number) => Math.max(-32768, Math.min(32767, v));

/** Sum of several participants' frames, as the mixed stream carries them. */
export function mix(frames: readonly Int16Array[], length: number): Int16Array {
  const out = new Int16Array(length);
  for (const frame of frames)
    for (let i = 0; i < length; i++) out[i] = clamp((out[i] ?? 0) + (frame[i] ?? 0));
  return out;
}

export const isSilent = (frame: Int16Array): boolean => frame.every((s) => s === 0);

/** Little-endian 16-bit PCM as base64, the AudioData `data` field. */
export function toBase64(frame: Int16Array): string {
  const bytes = Buffer.alloc(frame.length * 2);
  frame.forEach((s, i) => bytes.writeInt16LE(s, i * 2));
  return bytes.toString('base64');
}
