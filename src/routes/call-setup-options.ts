/**
 * The parts of a createCall / answerCall body that set up media for the whole call: the cognitive
 * services endpoint, media streaming and live transcription. The schema has checked the types;
 * here go the rules it cannot say (a transport URL is a ws:// or wss:// URL) and the defaults.
 */
import type { Call } from '../domain/call.js';
import { newGuid } from '../domain/ids.js';
import type {
  MediaStreamingSetup,
  Subscription,
  TranscriptionSetup,
} from '../domain/streaming-machine.js';
import { errors } from '../http/errors.js';
import type {
  CallIntelligenceOptions,
  MediaStreamingOptions,
  TranscriptionOptions,
} from '../schemas/generated/request-bodies.js';

/** The transcription how-to's examples use en-US; the service needs a locale with a region. */
export const DEFAULT_TRANSCRIPTION_LOCALE = 'en-US';

export interface CallSetupRequest {
  callIntelligenceOptions?: CallIntelligenceOptions;
  mediaStreamingOptions?: MediaStreamingOptions;
  transcriptionOptions?: TranscriptionOptions;
}

type SetupFields = Pick<Call, 'cognitiveServicesEndpoint' | 'mediaStreaming' | 'transcription'>;

function transportProblem(url: string | undefined, path: string): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${path} must be an absolute ws:// or wss:// URL (got '${url}')`;
  }
  return parsed.protocol === 'ws:' || parsed.protocol === 'wss:'
    ? undefined
    : `${path} must use ws or wss (got '${parsed.protocol.slice(0, -1)}')`;
}

const inactive = <S>(setup: S): Subscription<S> => ({ id: newGuid(), setup, state: 'inactive' });

/** The call's fields for its media setup; throws the 400 naming every problem. */
export function callSetupFields(request: CallSetupRequest): SetupFields {
  const media = request.mediaStreamingOptions;
  const transcription = request.transcriptionOptions;
  const endpoint = request.callIntelligenceOptions?.cognitiveServicesEndpoint;
  const problems = [
    transportProblem(media?.transportUrl, 'mediaStreamingOptions.transportUrl'),
    transportProblem(transcription?.transportUrl, 'transcriptionOptions.transportUrl'),
  ].filter((p): p is string => p !== undefined);
  if (endpoint !== undefined && !URL.canParse(endpoint))
    problems.push(
      `callIntelligenceOptions.cognitiveServicesEndpoint must be an absolute URL (got '${endpoint}')`,
    );
  if (problems.length > 0) throw errors.invalidBody(problems);
  const fields: SetupFields = {};
  if (endpoint !== undefined) fields.cognitiveServicesEndpoint = endpoint;
  if (media) {
    fields.mediaStreaming = inactive<MediaStreamingSetup>({
      ...(media.transportUrl !== undefined ? { transportUrl: media.transportUrl } : {}),
      audioChannelType: media.audioChannelType,
      sampleRate: media.audioFormat === 'pcm24KMono' ? 24000 : 16000,
      enableBidirectional: media.enableBidirectional ?? false,
      enableDtmfTones: media.enableDtmfTones ?? false,
      startOnConnect: media.startMediaStreaming ?? false,
    });
  }
  if (transcription) {
    fields.transcription = inactive<TranscriptionSetup>({
      ...(transcription.transportUrl !== undefined
        ? { transportUrl: transcription.transportUrl }
        : {}),
      locale: transcription.locale ?? transcription.locales?.[0] ?? DEFAULT_TRANSCRIPTION_LOCALE,
      enableIntermediateResults: transcription.enableIntermediateResults ?? false,
      startOnConnect: transcription.startTranscription ?? false,
    });
  }
  return fields;
}
