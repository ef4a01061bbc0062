/**
 * Media streaming under load (issue 20): `calls` calls stream their audio to the app's WebSocket
 * at once (createCall with mediaStreamingOptions, startMediaStreaming: true), each sending an
 * AudioData frame every 20 ms. Measured over a window once every socket is open: frames received
 * per second against the nominal 50 per call, and the sender's CPU per frame from /proc. Against
 * streaming-floor.mjs, a raw `ws` sender building the same frames. Fresh processes per run,
 * floor/emulator then emulator/floor.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { getJson, phoneOf, send } from '../lib/acs-requests.js';
import { cpuMs, startChild, type Child } from '../lib/child.js';
import { streamingCallRequest } from '../lib/family-requests.js';
import { type RunOptions } from '../lib/op-loop.js';
import { waitFor } from '../lib/wait-for.js';
import { spread, type Spread } from '../lib/stats.js';

export interface StreamingOptions {
  rounds: number;
  calls: number;
  warmupSec: number;
  durationSec: number;
}

export interface StreamingRun {
  frames: number;
  seconds: number;
  framesPerSec: number;
  /** framesPerSec / (50 x calls): below 1, the sender falls behind the 20 ms pace. */
  paceRatio: number;
  cpuUsPerFrame: number;
}

export interface StreamingResult {
  options: StreamingOptions;
  floor: StreamingRun[];
  emulator: StreamingRun[];
  /** Emulator frames/s / floor frames/s, per round. */
  ratio: Spread;
  /** Floor CPU per frame / emulator CPU per frame, per round. */
  cpuRatio: Spread;
  emulatorFramesPerSec: Spread;
  floorFramesPerSec: Spread;
  emulatorPace: Spread;
  floorPace: Spread;
  emulatorCpuUsPerFrame: Spread;
  floorCpuUsPerFrame: Spread;
}

interface ReceiverStats {
  open: number;
  frames: number;
}

const FRAMES_PER_SEC_PER_CALL = 50;

async function openStreams(
  kind: 'emulator' | 'floor',
  server: Child,
  receiverPort: number,
  calls: number,
): Promise<void> {
  const transportUrl = `ws://127.0.0.1:${receiverPort}/media`;
  if (kind === 'floor') {
    const response = await fetch(`http://127.0.0.1:${server.port}/streams`, {
      method: 'POST',
      body: JSON.stringify({ url: transportUrl, count: calls }),
    });
    if (response.status !== 202) throw new Error(`floor /streams answered ${response.status}`);
    return;
  }
  const host = `127.0.0.1:${server.port}`;
  const callbackUri = `http://127.0.0.1:${receiverPort}/api/callbacks`;
  for (let i = 0; i < calls; i++) {
    const created = await send(
      server.port,
      streamingCallRequest(host, phoneOf(i), callbackUri, transportUrl),
    );
    if (created.status !== 201) throw new Error(`createCall answered ${created.status}`);
  }
}

/** One run: fresh sender and receiver, every socket open, warm-up, measured window. */
export async function runStreaming(
  kind: 'emulator' | 'floor',
  options: StreamingOptions,
  { nodeArgs = [], cli = 'dist/cli.js' }: RunOptions = {},
): Promise<StreamingRun> {
  const receiver = await startChild(['bench/servers/media-receiver.mjs']);
  const server = await startChild([
    ...nodeArgs,
    ...(kind === 'floor' ? ['bench/servers/streaming-floor.mjs', '0'] : [cli, '--port', '0']),
  ]);
  try {
    await openStreams(kind, server, receiver.port, options.calls);
    const stats = () => getJson<ReceiverStats>(receiver.port, '/stats');
    await waitFor(async () => (await stats()).open >= options.calls, 30_000);
    await sleep(options.warmupSec * 1000);
    const before = await stats();
    const cpuBefore = cpuMs(server.process.pid);
    const started = process.hrtime.bigint();
    await sleep(options.durationSec * 1000);
    const after = await stats();
    const cpu = cpuMs(server.process.pid) - cpuBefore;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (after.open < options.calls) throw new Error(`${kind}: ${after.open} sockets left open`);
    const frames = after.frames - before.frames;
    const framesPerSec = frames / seconds;
    return {
      frames,
      seconds,
      framesPerSec,
      paceRatio: framesPerSec / (FRAMES_PER_SEC_PER_CALL * options.calls),
      cpuUsPerFrame: (cpu * 1000) / frames,
    };
  } finally {
    await server.stop(nodeArgs.length > 0 ? 'SIGINT' : 'SIGKILL');
    await receiver.stop();
  }
}

export async function streaming(
  options: StreamingOptions,
  log: (line: string) => void,
): Promise<StreamingResult> {
  const floor: StreamingRun[] = [];
  const emulator: StreamingRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order =
      round % 2 === 0 ? (['floor', 'emulator'] as const) : (['emulator', 'floor'] as const);
    for (const kind of order) {
      const run = await runStreaming(kind, options);
      (kind === 'floor' ? floor : emulator).push(run);
      log(
        `  streaming round ${round + 1} ${kind.padEnd(8)} ${run.framesPerSec.toFixed(0)} frames/s ` +
          `(pace ${run.paceRatio.toFixed(3)} of ${FRAMES_PER_SEC_PER_CALL * options.calls}), ` +
          `${run.cpuUsPerFrame.toFixed(1)} µs CPU/frame`,
      );
    }
  }
  const floorAt = (i: number) => floor[i] as StreamingRun;
  return {
    options,
    floor,
    emulator,
    ratio: spread(emulator.map((e, i) => e.framesPerSec / floorAt(i).framesPerSec)),
    cpuRatio: spread(emulator.map((e, i) => floorAt(i).cpuUsPerFrame / e.cpuUsPerFrame)),
    emulatorFramesPerSec: spread(emulator.map((r) => r.framesPerSec)),
    floorFramesPerSec: spread(floor.map((r) => r.framesPerSec)),
    emulatorPace: spread(emulator.map((r) => r.paceRatio)),
    floorPace: spread(floor.map((r) => r.paceRatio)),
    emulatorCpuUsPerFrame: spread(emulator.map((r) => r.cpuUsPerFrame)),
    floorCpuUsPerFrame: spread(floor.map((r) => r.cpuUsPerFrame)),
  };
}
