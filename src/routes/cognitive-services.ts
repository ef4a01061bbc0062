/**
 * The service's cognitive-services rule: text-to-speech, speech recognition and transcription need
 * a call set up with callIntelligenceOptions.cognitiveServicesEndpoint, else 405 / 8522.
 * --allow-speech-without-cognitive-services relaxes it.
 */
import { errors } from '../http/errors.js';
import type { PlaySource, RecognizeRequest } from '../schemas/generated/request-bodies.js';
import { requireCall } from './call-lookup.js';
import type { Services } from './handler.js';

const isTts = (source: PlaySource) => source.kind === 'text' || source.kind === 'ssml';

/** What in a play or recognize body needs speech services, if anything (for the message). */
export function speechFeature(request: object): string | undefined {
  if ('playSources' in request && (request.playSources as PlaySource[]).some(isTts))
    return 'A text-to-speech play source';
  if ('recognizeInputType' in request) {
    const recognize = request as RecognizeRequest;
    if (recognize.recognizeInputType !== 'dtmf')
      return `Recognize of type '${recognize.recognizeInputType}'`;
    const prompts = recognize.playPrompts ?? (recognize.playPrompt ? [recognize.playPrompt] : []);
    if (prompts.some(isTts)) return 'A text-to-speech recognize prompt';
  }
  return undefined;
}

/** Throws the service's refusal when the call lacks cognitive services and `what` needs them. */
export function requireCognitiveServices(
  services: Services,
  id: string,
  what: string | undefined,
): void {
  if (what === undefined || services.config.allowSpeechWithoutCognitiveServices) return;
  const call = requireCall(services, id);
  if (call.cognitiveServicesEndpoint === undefined) throw errors.cognitiveServicesNotSet(what);
}
