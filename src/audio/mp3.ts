/**
 * MP3 encoding with @breezystack/lamejs (a maintained pure-JavaScript LAME port): mono or stereo
 * 16-bit PCM in, MPEG Layer III frames out. Encoding is slow (seconds per minute of audio), so it
 * runs in slices that give the event loop back between them.
 */

/** Samples per channel handed to the encoder at once (a multiple of the 1152-sample frame). */
const SLICE = 1152 * 10;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function encodeMp3(
  channels: readonly Int16Array[],
  sampleRate: number,
  kbps = 48,
): Promise<Buffer> {
  // Loaded on first use, so start-up does not pay for the encoder.
  const { Mp3Encoder } = await import('@breezystack/lamejs');
  const [left = new Int16Array(0), right] = channels;
  const encoder = new Mp3Encoder(right ? 2 : 1, sampleRate, kbps);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < left.length; i += SLICE) {
    const l = left.subarray(i, i + SLICE);
    parts.push(
      right ? encoder.encodeBuffer(l, right.subarray(i, i + SLICE)) : encoder.encodeBuffer(l),
    );
    await nextTurn();
  }
  parts.push(encoder.flush());
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}
