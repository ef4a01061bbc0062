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
    if (!list || list.length === 0) return out;
    const perMs = this.sampleRate / 1000;
    const windowEnd = windowStart + FRAME_MS;
    let ended = 0;
    for (const segment of list) {
      const offset = Math.round((windowStart - segment.start) * perMs);
      // Only the samples of the segment that fall in this window (the rest would add nothing).
      const from = Math.max(0, -offset);
      const to = Math.min(out.length, segment.samples.length - offset);
      for (let i = from; i < to; i++)
        out[i] = clamp((out[i] as number) + (segment.samples[offset + i] as number));
      if (segment.start + segment.samples.length / perMs <= windowEnd) ended++;
    }
    // A new list only when a segment ended: most frames keep the one they have.
    if (ended > 0)
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
  // One frame, already in range, is its own mix (clamping changes none of its samples).
  const only = frames[0];
  if (frames.length === 1 && only && only.length === length) return only;
  const out = new Int16Array(length);
  for (const frame of frames) {
    const n = Math.min(length, frame.length);
    for (let i = 0; i < n; i++) out[i] = clamp((out[i] as number) + (frame[i] as number));
  }
  return out;
}

export function isSilent(frame: Int16Array): boolean {
  for (let i = 0; i < frame.length; i++) if (frame[i] !== 0) return false;
  return true;
}

/** Whether this machine stores an Int16Array's samples little-endian, as the PCM on the wire is. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Base64 of silent frames by their length: most frames of a call are silence. */
const silentBase64 = new Map<number, string>();

/** Little-endian 16-bit PCM as base64, the AudioData `data` field. */
export function toBase64(frame: Int16Array): string {
  if (isSilent(frame)) {
    let text = silentBase64.get(frame.length);
    if (text === undefined) {
      text = Buffer.alloc(frame.length * 2).toString('base64');
      silentBase64.set(frame.length, text);
    }
    return text;
  }
  // On a little-endian machine the samples' own bytes are the wire bytes: no copy.
  if (LITTLE_ENDIAN)
    return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');
  const bytes = Buffer.alloc(frame.length * 2);
  for (let i = 0; i < frame.length; i++) bytes.writeInt16LE(frame[i] as number, i * 2);
  return bytes.toString('base64');
}
