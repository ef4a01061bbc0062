/**
 * The table rows and the issue 20 target row of the operation-family scenarios (participants,
 * recording, streaming), each against its own necessary-work floor. The issue sets a ratio only
 * for the mission route, so these ratios are judged against the same 0.9 but marked informational.
 */
import { formatSpread } from '../lib/stats.js';
import type { OpLoopResult } from '../lib/op-loop.js';
import type { StreamingResult } from './streaming.js';

export interface FamilyResults {
  participants?: OpLoopResult;
  recording?: OpLoopResult;
  streaming?: StreamingResult;
}

type Row = [string, string, string, string];

function opLoopRows(name: string, r: OpLoopResult): Row[] {
  const events = r.emulator
    .map((run) =>
      Object.keys(run.expected)
        .map((type) => `${run.received[type] ?? 0}/${run.expected[type]}`)
        .join(' '),
    )
    .join(', ');
  return [
    [
      `${name} req/s`,
      formatSpread(r.emulatorReqPerSec),
      `floor: ${formatSpread(r.floorReqPerSec)}`,
      `ratio ${formatSpread(r.ratio, 2)} (>= 0.9, informational)`,
    ],
    [
      `${name} p50 / p99 ms`,
      `${formatSpread(r.emulatorP50Ms, 2)} / ${formatSpread(r.emulatorP99Ms, 2)}`,
      `floor: ${formatSpread(r.floorP50Ms, 2)} / ${formatSpread(r.floorP99Ms, 2)}`,
      `p99 ratio ${formatSpread(r.p99Ratio, 2)}`,
    ],
    [
      `${name} server CPU µs per request`,
      formatSpread(r.emulatorCpuUsPerReq),
      `floor: ${formatSpread(r.floorCpuUsPerReq)}`,
      `ratio ${formatSpread(r.cpuRatio, 2)} (floor CPU / emulator CPU)`,
    ],
    [
      `${name} events received/expected`,
      events,
      '',
      r.eventsMatch ? 'every expected event delivered' : 'MISMATCH',
    ],
  ];
}

export function familyRows(results: FamilyResults): Row[] {
  const rows: Row[] = [];
  if (results.participants)
    rows.push(...opLoopRows('participants add/remove', results.participants));
  if (results.recording) rows.push(...opLoopRows('recording start/stop', results.recording));
  const s = results.streaming;
  if (s) {
    rows.push(
      [
        `streaming frames/s (${s.options.calls} calls)`,
        formatSpread(s.emulatorFramesPerSec),
        `raw ws floor: ${formatSpread(s.floorFramesPerSec)}`,
        `ratio ${formatSpread(s.ratio, 2)}; pace ${formatSpread(s.emulatorPace, 3)} of 50/s per call (floor ${formatSpread(s.floorPace, 3)})`,
      ],
      [
        'streaming sender CPU µs per frame',
        formatSpread(s.emulatorCpuUsPerFrame, 1),
        `floor: ${formatSpread(s.floorCpuUsPerFrame, 1)}`,
        `ratio ${formatSpread(s.cpuRatio, 2)} (floor CPU / emulator CPU)`,
      ],
    );
  }
  return rows;
}

/** The target row: each family's ratio to its floor, judged informationally against 0.9. */
export function familyTarget(results: FamilyResults): [string, string, string] {
  const parts: string[] = [];
  const verdicts: string[] = [];
  const judge = (name: string, ratio: number, shown: string) => {
    parts.push(`${name} ${shown}`);
    verdicts.push(`${name} ${ratio >= 0.9 ? 'met' : 'NOT MET'}`);
  };
  if (results.participants)
    judge(
      'participants',
      results.participants.ratio.median,
      formatSpread(results.participants.ratio, 2),
    );
  if (results.recording)
    judge('recording', results.recording.ratio.median, formatSpread(results.recording.ratio, 2));
  if (results.streaming)
    judge('streaming', results.streaming.ratio.median, formatSpread(results.streaming.ratio, 2));
  return [
    'scenarios for participants, recording, streaming (>= 0.9 of own floor, informational)',
    parts.length > 0 ? parts.join('; ') : '-',
    verdicts.length > 0 ? verdicts.join('; ') : 'not measured',
  ];
}
