/** GET /admin/recordings: every recording the emulator knows, with its state and periods. */
import { Router } from 'express';
import { recordingState, type Recording } from '../domain/recording-machine.js';
import type { RecordingService } from '../recordings/recording-service.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export const recordingView = (r: Recording, recordings: RecordingService) => ({
  recordingId: r.recordingId,
  callConnectionId: r.callConnectionId,
  recordingState: recordingState(r),
  status: r.status,
  recordingContentType: r.options.contentType,
  recordingChannelType: r.options.channelType,
  recordingFormatType: r.options.formatType,
  channels: r.options.channels,
  startedAt: iso(r.startedAt),
  stoppedAt: iso(r.stoppedAt),
  endReason: r.endReason,
  activePeriods: r.periods.map((p) => ({ start: iso(p.start), end: iso(p.end) })),
  /** contentLocation, metadataLocation and deleteLocation once the recording has stopped. */
  chunk: recordings.chunkOf(r.recordingId),
});

export function adminRecordingsRouter(recordings: RecordingService): Router {
  const router = Router();
  router.get('/recordings', (_req, res) => {
    res.json({ value: recordings.list().map((r) => recordingView(r, recordings)) });
  });
  return router;
}
