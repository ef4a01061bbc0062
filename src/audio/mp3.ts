/**
 * MP3 encoding with @breezystack/lamejs (a maintained pure-JavaScript LAME port): mono or stereo
 * 16-bit PCM in, MPEG-1 Layer III frames out.
 */
import { Mp3Encoder } from '@breezystack/lamejs';

/** One MPEG-1 Layer III frame holds 1152 samples per channel. */
const FRAME = 1152;

export function encodeMp3(channels: readonly Int16Array[], sampleRate: number, kbps = 48): Buffer {
  const [left = new Int16Array(0), right] = channels;
  const stereo = right !== undefined;
  const encoder = new Mp3Encoder(stereo ? 2 : 1, sampleRate, kbps);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < left.length; i += FRAME) {
    const l = left.subarray(i, i + FRAME);
    parts.push(
      stereo ? encoder.encodeBuffer(l, right.subarray(i, i + FRAME)) : encoder.encodeBuffer(l),
    );
  }
  parts.push(encoder.flush());
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}
