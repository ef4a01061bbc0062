/** Call recording: start, get, pause, resume, stop (CallRecording_* in the swagger). */
import type { Call } from '../domain/call.js';
import {
  recordingState,
  type Recording,
  type RecordingOptions,
} from '../domain/recording-machine.js';
import { errors } from '../http/errors.js';
import type { RecordingResult } from '../recordings/recording-service.js';
import type { StartCallRecordingRequest } from '../schemas/generated/request-bodies.js';
import { checkCallbackUri } from '../schemas/validate-request.js';
import { identifierOf } from './call-lookup.js';
import type { HandlerTable, Services } from './handler.js';

const MAX_UNMIXED_CHANNELS = 5;

/** RecordingStateResponse. */
const stateResponse = (recording: Recording) => ({
  recordingId: recording.recordingId,
  recordingState: recordingState(recording),
  recordingKind: 'azureCommunicationServices',
});

function callToRecord(services: Services, request: StartCallRecordingRequest): Call {
  let call: Call | undefined;
  if (request.callConnectionId !== undefined) {
    call = services.calls.get(request.callConnectionId);
    if (!call) throw errors.recordingCallNotFound(`callConnectionId '${request.callConnectionId}'`);
  } else if (request.callLocator) {
    const locator = request.callLocator;
    const kind = locator.kind ?? 'groupCallLocator';
    if (kind !== 'serverCallLocator' || locator.serverCallId === undefined)
      throw errors.recordingCallNotFound(
        `${kind} ${locator.groupCallId ?? locator.roomId ?? locator.serverCallId ?? ''}`.trim(),
      );
    call = services.calls.list().find((c) => c.serverCallId === locator.serverCallId);
    if (!call) throw errors.recordingCallNotFound(`serverCallId '${locator.serverCallId}'`);
  } else {
    throw errors.recordingCallLocatorMissing();
  }
  if (call.state === 'disconnected') throw errors.callEnded(call.callConnectionId);
  if (call.state !== 'connected') throw errors.callNotConnected(call.callConnectionId, call.state);
  return call;
}

/** The combinations the service documents: mp4 is audioVideo, unmixed is wav audio. */
function checkFormat(content: string, channel: string, format: string): void {
  const bad = (why: string) => errors.recordingOptionsInvalid(why);
  if (content === 'audio' && format === 'mp4')
    throw bad(
      "recordingFormatType 'mp4' needs recordingContentType 'audioVideo'; use 'wav' or 'mp3' for audio.",
    );
  if (content === 'audioVideo' && format !== 'mp4')
    throw bad(`recordingContentType 'audioVideo' is recorded only as 'mp4', not '${format}'.`);
  if (channel === 'unmixed' && (content !== 'audio' || format !== 'wav'))
    throw bad(
      "recordingChannelType 'unmixed' is supported only with recordingContentType 'audio' and recordingFormatType 'wav'.",
    );
}

/**
 * The participants' channels of an unmixed recording: channelAffinity places participants on the
 * channels it names, audioChannelParticipantOrdering takes the next free channels in its order,
 * everyone else follows in the order they joined.
 */
function channelOrder(call: Call, request: StartCallRecordingRequest): string[] {
  const inCall = (rawId: string) => {
    if (!call.participants.some((p) => p.identifier.rawId === rawId))
      throw errors.participantNotInCall(
        rawId,
        call.callConnectionId,
        call.participants.map((p) => p.identifier.rawId),
      );
    return rawId;
  };
  const slots: (string | undefined)[] = [];
  (request.channelAffinity ?? []).forEach((affinity, i) => {
    const rawId = inCall(
      identifierOf(affinity.participant, `channelAffinity[${i}].participant`).rawId,
    );
    const channel = affinity.channel ?? i;
    if (!Number.isInteger(channel) || channel < 0 || channel > 4 || slots[channel] !== undefined)
      throw errors.recordingOptionsInvalid(
        `channelAffinity[${i}].channel must be a free channel number from 0 to 4.`,
      );
    slots[channel] = rawId;
  });
  const rest = [
    ...(request.audioChannelParticipantOrdering ?? []).map((model, i) =>
      inCall(identifierOf(model, `audioChannelParticipantOrdering[${i}]`).rawId),
    ),
    ...call.participants.map((p) => p.identifier.rawId),
  ];
  for (const rawId of rest) {
    if (slots.includes(rawId)) continue;
    let free = slots.findIndex((s) => s === undefined);
    if (free < 0) free = slots.length;
    slots[free] = rawId;
  }
  // The service records at most five unmixed channels, one participant each.
  return slots.slice(0, MAX_UNMIXED_CHANNELS).map((s) => s ?? '');
}

function recordingOptions(call: Call, request: StartCallRecordingRequest): RecordingOptions {
  // The service's defaults: mixed audio and video as mp4.
  const contentType = request.recordingContentType ?? 'audioVideo';
  const channelType = request.recordingChannelType ?? 'mixed';
  const formatType = request.recordingFormatType ?? 'mp4';
  checkFormat(contentType, channelType, formatType);
  if (request.recordingStateCallbackUri !== undefined) {
    const problem = checkCallbackUri(
      request.recordingStateCallbackUri,
      'recordingStateCallbackUri',
    );
    if (problem) throw errors.invalidBody([problem]);
  }
  const storage = request.externalStorage;
  if (storage?.recordingStorageKind === 'azureBlobStorage') {
    const url = storage.recordingDestinationContainerUrl;
    if (!url || !/^https?:\/\/[^/]+\/[^/?]+/.test(url))
      throw errors.recordingOptionsInvalid(
        "externalStorage of kind 'azureBlobStorage' needs recordingDestinationContainerUrl: the URL of a blob container (with a SAS when the container needs one).",
      );
  }
  return {
    contentType,
    channelType,
    formatType,
    channels: channelType === 'unmixed' ? channelOrder(call, request) : [],
    ...(request.recordingStateCallbackUri !== undefined
      ? { callbackUri: request.recordingStateCallbackUri }
      : {}),
    ...(storage?.recordingStorageKind === 'azureBlobStorage' &&
    storage.recordingDestinationContainerUrl
      ? { blobContainerUrl: storage.recordingDestinationContainerUrl }
      : {}),
  };
}

function expectRecording(id: string, result: RecordingResult): Recording {
  if (result.ok) return result.recording;
  throw result.reason === 'notFound' ? errors.recordingNotFound(id) : errors.recordingStopped(id);
}

function live(services: Services, id: string): Recording {
  const recording = services.recordings.get(id);
  if (!recording) throw errors.recordingNotFound(id);
  if (recording.status === 'stopped') throw errors.recordingStopped(id);
  return recording;
}

export const recordingHandlers: HandlerTable = {
  CallRecording_StartRecording: ({ body: request, services, failure }) => {
    const call = callToRecord(services, request);
    const options = recordingOptions(call, request);
    const running = services.recordings.liveRecordingOf(call.callConnectionId);
    if (running) throw errors.recordingInProgress(call.callConnectionId, running.recordingId);
    const recording = services.recordings.start(
      call,
      options,
      request.pauseOnStart ?? false,
      failure,
    );
    return { body: stateResponse(recording) };
  },

  CallRecording_GetRecordingProperties: ({ params, services }) => {
    const id = params.recordingId as string;
    return { body: stateResponse(live(services, id)) };
  },

  CallRecording_PauseRecording: ({ params, services }) => {
    const id = params.recordingId as string;
    live(services, id);
    expectRecording(id, services.recordings.apply(id, { type: 'pause', at: services.clock.now() }));
  },

  CallRecording_ResumeRecording: ({ params, services }) => {
    const id = params.recordingId as string;
    live(services, id);
    expectRecording(
      id,
      services.recordings.apply(id, { type: 'resume', at: services.clock.now() }),
    );
  },

  CallRecording_StopRecording: ({ params, services }) => {
    const id = params.recordingId as string;
    live(services, id);
    const at = services.clock.now();
    expectRecording(id, services.recordings.apply(id, { type: 'stop', at, reason: 'stopped' }));
  },
};
