// The necessary-work floor of the recording scenario (issue 20): what startRecording and
// stopRecording cannot skip. HMAC check, JSON parse, one live recording per call, the swagger's
// answers (200 RecordingStateResponse, 204), RecordingStateChanged to the call's callback on
// start and stop, and on stop the files: a 16 kHz 16-bit mono WAV of the recorded time (silence)
// and its metadata document kept in memory, announced by one RecordingFileStatusUpdated Event Grid
// event to each subscription (PUT /admin/event-subscriptions/{name} {url}, as the emulator takes).
// Usage: node bench/servers/recording-floor.mjs <port> <base64 access key>   (prints {"port":N})
import { randomBytes, randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers';
import { cloudEvent, eventGridEvent, floorApp, listen, post } from './floor-kit.mjs';

const { app, signed } = floorApp(process.argv[3]);
/** callConnectionId -> { callbackUri, serverCallId, live: recordingId | undefined }. */
const calls = new Map();
/** recordingId -> { callConnectionId, startedAt }. */
const recordings = new Map();
/** documentId -> { audio, metadata }, the oldest dropped past FILE_LIMIT. */
const files = new Map();
const FILE_LIMIT = 10_000;
const subscriptions = new Map();
const SAMPLE_RATE = 16_000;

app.put('/admin/event-subscriptions/:name', (req, res) => {
  const body = JSON.parse(req.body.toString('utf8'));
  subscriptions.set(req.params.name, new URL(body.url));
  res.status(201).json({ name: req.params.name, url: body.url });
});

app.post(
  '/calling/callConnections',
  signed((_req, res, body) => {
    const callConnectionId = randomUUID();
    calls.set(callConnectionId, {
      callbackUri: new URL(body.callbackUri),
      serverCallId: randomUUID(),
      live: undefined,
    });
    res.status(201).json({ callConnectionId, callConnectionState: 'connecting' });
  }),
);

const stateChanged = (call, callConnectionId, recordingId, state) =>
  post(
    call.callbackUri,
    cloudEvent('RecordingStateChanged', callConnectionId, {
      recordingId,
      state,
      startDateTime: new Date().toISOString(),
      recordingKind: 'azureCommunicationServices',
    }),
  );

app.post(
  '/calling/recordings',
  signed((_req, res, body) => {
    const call = calls.get(body.callConnectionId);
    if (!call) return res.status(404).json({ error: { code: '8522', message: 'Call not found' } });
    if (call.live)
      return res.status(409).json({ error: { code: 'Conflict', message: 'already recording' } });
    const recordingId = randomBytes(48).toString('base64');
    call.live = recordingId;
    recordings.set(recordingId, { callConnectionId: body.callConnectionId, startedAt: Date.now() });
    stateChanged(call, body.callConnectionId, recordingId, 'active');
    res.status(200).json({
      recordingId,
      recordingState: 'active',
      recordingKind: 'azureCommunicationServices',
    });
  }),
);

function wav(durationMs) {
  const bytes = Math.round((SAMPLE_RATE * durationMs) / 1000) * 2;
  const out = Buffer.alloc(44 + bytes);
  out.write('RIFF', 0);
  out.writeUInt32LE(36 + bytes, 4);
  out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(SAMPLE_RATE, 24);
  out.writeUInt32LE(SAMPLE_RATE * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36);
  out.writeUInt32LE(bytes, 40);
  return out;
}

app.delete(
  '/calling/recordings/:recordingId',
  signed((req, res) => {
    const recordingId = req.params.recordingId;
    const recording = recordings.get(recordingId);
    if (!recording)
      return res.status(404).json({ error: { code: '8522', message: 'Recording not found' } });
    recordings.delete(recordingId);
    const call = calls.get(recording.callConnectionId);
    call.live = undefined;
    stateChanged(call, recording.callConnectionId, recordingId, 'inactive');
    res.status(204).end();
    setImmediate(() => writeFiles(call, recordingId, recording));
  }),
);

function writeFiles(call, recordingId, recording) {
  const durationMs = Date.now() - recording.startedAt;
  const documentId = randomBytes(16).toString('hex');
  const metadata = Buffer.from(
    JSON.stringify({
      callId: recording.callConnectionId,
      chunkDocumentId: documentId,
      chunkIndex: 0,
      chunkStartTime: new Date(recording.startedAt).toISOString(),
      chunkDuration: durationMs,
      pauseResumeIntervals: [],
      recordingInfo: {
        contentType: 'audio',
        channelType: 'mixed',
        format: 'wav',
        audioConfiguration: { sampleRate: SAMPLE_RATE, bitRate: SAMPLE_RATE * 16, channels: 1 },
      },
    }),
  );
  files.set(documentId, { audio: wav(durationMs), metadata });
  if (files.size > FILE_LIMIT) files.delete(files.keys().next().value);
  const base = `http://127.0.0.1/v1/objects/${documentId}`;
  const event = eventGridEvent(
    'RecordingFileStatusUpdated',
    `/recording/call/${recording.callConnectionId}/serverCallId/${call.serverCallId}/recordingId/${recordingId}`,
    {
      recordingStorageInfo: {
        recordingChunks: [
          {
            documentId,
            index: 0,
            endReason: 'SessionEnded',
            contentLocation: `${base}/content/audio`,
            metadataLocation: `${base}/content/acsmetadata`,
            deleteLocation: base,
          },
        ],
      },
      recordingStartTime: new Date(recording.startedAt).toISOString(),
      recordingDurationMs: durationMs,
      recordingContentType: 'Audio',
      recordingChannelType: 'Mixed',
      recordingFormatType: 'Wav',
      sessionEndReason: 'CallEnded',
    },
  );
  for (const url of subscriptions.values()) post(url, event);
}

listen(app);
