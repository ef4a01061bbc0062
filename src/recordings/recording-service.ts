/**
 * The recording service: keeps each recording's state (the pure machine in
 * domain/recording-machine.ts), sends its RecordingStateChanged events to the call's callback (or
 * recordingStateCallbackUri), stops recordings with their call, and when a recording stops writes
 * its files and announces them with a RecordingFileStatusUpdated Event Grid event.
 */
import type { Logger } from 'pino';
import type { CallRuntime } from '../calls/call-runtime.js';
import type { Clock } from '../clock.js';
import type { Call } from '../domain/call.js';
import type { Effect } from '../domain/effect.js';
import type { ForcedOutcome } from '../domain/forced-outcome.js';
import {
  startRecording,
  stepRecording,
  type Recording,
  type RecordingInput,
  type RecordingOptions,
} from '../domain/recording-machine.js';
import { buildEventData } from '../events/catalogue.js';
import { buildCloudEvent } from '../events/cloud-event.js';
import type { EventGridSubscriptions } from '../events/event-grid-subscriptions.js';
import type { EventSink } from '../events/event-sink.js';
import type { RecordingFileStore } from './file-store.js';
import { fileStatusUpdatedEvent, type RecordingChunk } from './file-status-event.js';
import { buildRecordingFiles } from './recording-files.js';
import { newDocumentId, newRecordingId } from './recording-ids.js';

/** Uploads a stopped recording's files to the app's own storage (bring your own storage). */
export type BlobUploader = (
  containerUrl: string,
  blobs: readonly { name: string; content: Buffer; contentType: string }[],
) => Promise<void>;

export interface RecordingServiceOptions {
  clock: Clock;
  calls: CallRuntime;
  events: EventSink;
  eventGrid: EventGridSubscriptions;
  files: RecordingFileStore;
  logger: Logger;
  acsResourceId: string;
  uploader?: BlobUploader;
}

export type RecordingResult =
  { ok: true; recording: Recording } | { ok: false; reason: 'notFound' | 'stopped' };

/** Stopped recordings are remembered (for GET's 404 wording) up to this many. */
const STOPPED_LIMIT = 10_000;

export class RecordingService {
  private readonly recordings = new Map<string, Recording>();
  /**
   * The ids of each call's recordings that are not stopped, in the order they started: start and
   * the end of a call look here instead of scanning up to STOPPED_LIMIT stopped ones.
   */
  private readonly live = new Map<string, Set<string>>();
  /** Where content/metadata/delete locations point; set once the emulator knows its address. */
  private storageOrigin = 'http://127.0.0.1';
  /** The file chunk of each stopped recording, for the control API. */
  private readonly chunks = new Map<string, RecordingChunk>();
  /** File writing and uploads in flight, so shutdown and tests can wait for them. */
  private readonly pending = new Set<Promise<void>>();
  /** Bumped by reset, so work begun before it is dropped. */
  private generation = 0;

  constructor(private readonly options: RecordingServiceOptions) {
    options.calls.onCallEnded((call) => this.callEnded(call));
  }

  setStorageOrigin(origin: string): void {
    this.storageOrigin = origin.replace(/\/+$/, '');
  }

  get(recordingId: string): Recording | undefined {
    return this.recordings.get(recordingId);
  }

  list(): Recording[] {
    return [...this.recordings.values()];
  }

  /** The live (not stopped) recording of a call, if any. */
  liveRecordingOf(callConnectionId: string): Recording | undefined {
    const ids = this.live.get(callConnectionId);
    if (!ids) return undefined;
    for (const id of ids) return this.recordings.get(id);
    return undefined;
  }

  /**
   * Starts a recording of `call`; with `failure` (a failOperation fault rule) it never starts and
   * StartRecordingFailed goes to the callback instead.
   */
  start(
    call: Call,
    options: RecordingOptions,
    pauseOnStart: boolean,
    failure?: ForcedOutcome,
  ): Recording {
    const now = this.options.clock.now();
    const started = startRecording(
      {
        recordingId: newRecordingId(),
        callConnectionId: call.callConnectionId,
        serverCallId: call.serverCallId,
        options,
        startedAt: now,
      },
      pauseOnStart,
    );
    if (failure) {
      const failed: Recording = { ...started.recording, status: 'stopped', periods: [] };
      this.remember(failed);
      this.emit(call, options, [
        {
          type: 'emit',
          event: 'StartRecordingFailed',
          resultInformation: failure.resultInformation,
          fault: failure.fault,
          data: { recordingId: failed.recordingId },
          ...(options.callbackUri !== undefined ? { callbackUri: options.callbackUri } : {}),
        },
      ]);
      return failed;
    }
    this.remember(started.recording);
    this.emit(call, options, started.effects);
    return started.recording;
  }

  apply(recordingId: string, input: RecordingInput): RecordingResult {
    const recording = this.recordings.get(recordingId);
    if (!recording) return { ok: false, reason: 'notFound' };
    const step = stepRecording(recording, input);
    if (!step.ok) return { ok: false, reason: step.reason };
    this.recordings.set(recordingId, step.recording);
    if (step.recording.status === 'stopped') this.forgetLive(step.recording);
    const call = this.options.calls.get(recording.callConnectionId);
    if (call) this.emit(call, recording.options, step.effects);
    if (step.recording.status === 'stopped' && call) this.writeFiles(call, step.recording);
    return { ok: true, recording: step.recording };
  }

  /** Resolves once the files of every stopped recording are written (or failed, which is logged). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** The files of a stopped recording (their locations), once written. */
  chunkOf(recordingId: string): RecordingChunk | undefined {
    return this.chunks.get(recordingId);
  }

  reset(): void {
    this.generation++;
    this.recordings.clear();
    this.live.clear();
    this.chunks.clear();
  }

  private callEnded(call: Call): void {
    for (const recordingId of [...(this.live.get(call.callConnectionId) ?? [])]) {
      this.apply(recordingId, {
        type: 'stop',
        at: call.endedAt ?? this.options.clock.now(),
        reason: 'callEnded',
      });
    }
  }

  private remember(recording: Recording): void {
    this.recordings.set(recording.recordingId, recording);
    if (recording.status !== 'stopped') {
      const ids = this.live.get(recording.callConnectionId) ?? new Set<string>();
      ids.add(recording.recordingId);
      this.live.set(recording.callConnectionId, ids);
    }
    if (this.recordings.size <= STOPPED_LIMIT) return;
    for (const [id, r] of this.recordings) {
      if (this.recordings.size <= STOPPED_LIMIT) break;
      if (r.status !== 'stopped') continue;
      this.recordings.delete(id);
      this.chunks.delete(id);
    }
  }

  private forgetLive(recording: Recording): void {
    const ids = this.live.get(recording.callConnectionId);
    ids?.delete(recording.recordingId);
    if (ids?.size === 0) this.live.delete(recording.callConnectionId);
  }

  private emit(call: Call, options: RecordingOptions, effects: readonly Effect<never>[]): void {
    const now = this.options.clock.now();
    for (const effect of effects) {
      if (effect.type !== 'emit') continue;
      const data = buildEventData(effect.event, call, {
        resultInformation: effect.resultInformation,
        extra: effect.data,
      });
      const event = buildCloudEvent(effect.event, call.callConnectionId, data, now);
      const url = effect.callbackUri ?? options.callbackUri ?? call.callbackUri;
      this.options.events.enqueue(call.callConnectionId, url, event, {
        ...(effect.fault ? { faults: [effect.fault] } : {}),
      });
    }
  }

  /**
   * Writes the files of a stopped recording and announces them, off the request that stopped it
   * (MP3 encoding and uploads take time). Work started before a reset is dropped.
   */
  private writeFiles(call: Call, recording: Recording): void {
    const generation = this.generation;
    const work = this.produceFiles(call, recording, () => generation === this.generation)
      .catch((err: unknown) =>
        this.options.logger.error(
          {
            err,
            recordingId: recording.recordingId,
            container: recording.options.blobContainerUrl,
          },
          'could not write or upload the recording files',
        ),
      )
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  private async produceFiles(
    call: Call,
    recording: Recording,
    current: () => boolean,
  ): Promise<void> {
    const documentId = newDocumentId();
    const files = await buildRecordingFiles(
      call,
      recording,
      documentId,
      this.options.acsResourceId,
    );
    if (!current()) return;
    const metadata = Buffer.from(JSON.stringify(files.metadata, null, 2));
    this.options.files.put(
      { documentId, contentType: files.contentType, extension: files.extension },
      files.content,
      metadata,
    );
    const base = `${this.storageOrigin}/v1/objects/${documentId}`;
    const chunk: RecordingChunk = {
      documentId,
      index: 0,
      endReason: 'SessionEnded',
      contentLocation: `${base}/content/audio`,
      metadataLocation: `${base}/content/acsmetadata`,
      deleteLocation: base,
    };
    this.chunks.set(recording.recordingId, chunk);
    const event = fileStatusUpdatedEvent(call, recording, chunk, files.durationMs);
    const container = recording.options.blobContainerUrl;
    if (container && this.options.uploader) {
      // Bring your own storage: the event goes out once the files are in the app's container.
      const prefix = blobPrefix(call, recording);
      await this.options.uploader(container, [
        {
          name: `${prefix}/${documentId}-audio.${files.extension}`,
          content: files.content,
          contentType: files.contentType,
        },
        {
          name: `${prefix}/${documentId}-acsmetadata.json`,
          content: metadata,
          contentType: 'application/json',
        },
      ]);
      if (!current()) return;
    }
    this.options.eventGrid.publish(event);
  }
}

/** Blob folder of a recording in the app's container: date, call and recording. */
function blobPrefix(call: Call, recording: Recording): string {
  const day = new Date(recording.startedAt).toISOString().slice(0, 10).replaceAll('-', '');
  return `${day}/${call.correlationId}/${recording.recordingId}`;
}
