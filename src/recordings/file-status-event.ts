/**
 * Microsoft.Communication.RecordingFileStatusUpdated, the Event Grid event that says a
 * recording's files are ready (data as the Event Grid schema for ACS documents it: the
 * AcsRecordingFileStatusUpdatedEventData of @azure/eventgrid).
 */
import type { Call } from '../domain/call.js';
import { newGuid } from '../domain/ids.js';
import type { Recording } from '../domain/recording-machine.js';
import { EMULATOR_TOPIC, type EventGridEvent } from '../events/event-grid.js';

export const RECORDING_FILE_EVENT_TYPE = 'Microsoft.Communication.RecordingFileStatusUpdated';

export interface RecordingChunk {
  documentId: string;
  index: number;
  endReason: string;
  contentLocation: string;
  metadataLocation: string;
  deleteLocation: string;
}

/** The event's values are capitalised (`Mixed`, `Wav`), unlike the REST API's. */
const capital = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);

export function fileStatusUpdatedEvent(
  call: Call,
  recording: Recording,
  chunk: RecordingChunk,
  durationMs: number,
): EventGridEvent {
  return {
    id: newGuid(),
    topic: EMULATOR_TOPIC,
    subject: `/recording/call/${call.correlationId}/serverCallId/${call.serverCallId}/recordingId/${recording.recordingId}`,
    data: {
      recordingStorageInfo: { recordingChunks: [chunk] },
      recordingStartTime: new Date(recording.startedAt).toISOString(),
      recordingDurationMs: durationMs,
      recordingContentType: capital(recording.options.contentType),
      recordingChannelType: capital(recording.options.channelType),
      recordingFormatType: capital(recording.options.formatType),
      sessionEndReason: 'CallEnded',
    },
    eventType: RECORDING_FILE_EVENT_TYPE,
    eventTime: new Date(recording.stoppedAt ?? recording.startedAt).toISOString(),
    metadataVersion: '1',
    dataVersion: '1.0',
  };
}
