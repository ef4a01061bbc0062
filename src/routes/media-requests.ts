/**
 * Turns validated PlayRequest and RecognizeRequest bodies into media operations, applying the
 * rules the schema cannot say (a play source carries the sub-object its kind names) and the
 * service's defaults (the SDK's too: 5 s initial silence, 2 s between tones).
 */
import type { Config } from '../config.js';
import { newToken } from '../domain/ids.js';
import type { PlayOp, RecognizeOp } from '../domain/media-machine.js';
import type { SendDtmfInput } from '../domain/send-dtmf-machine.js';
import { RECOGNIZE_QUEUED } from '../domain/recognize-machine.js';
import { errors } from '../http/errors.js';
import type {
  PlayRequest,
  PlaySource,
  PlaySourceType,
  RecognizeRequest,
  SendDtmfTonesRequest,
} from '../schemas/generated/request-bodies.js';
import { identifierOf } from './call-lookup.js';

/** The docs: "supports sending a maximum of 18 tones at a time", PSTN participants only. */
export const MAX_SEND_DTMF_TONES = 18;

const DEFAULT_INITIAL_SILENCE_SECONDS = 5;
const DEFAULT_INTER_TONE_SECONDS = 2;
const DEFAULT_MAX_TONES = 1;

const CONTENT: Record<PlaySourceType, string> = { file: 'uri', text: 'text', ssml: 'ssmlText' };

/** Problems with play sources: each must carry a non-empty sub-object of its own kind only. */
export function playSourceProblems(sources: readonly PlaySource[], path: string): string[] {
  const problems: string[] = [];
  sources.forEach((source, i) => {
    const at = `${path}[${i}]`;
    const sub = source[source.kind] as Record<string, unknown> | undefined;
    if (!sub) problems.push(`${at}.kind is '${source.kind}' but ${at}.${source.kind} is missing`);
    else if (sub[CONTENT[source.kind]] === '')
      problems.push(`${at}.${source.kind}.${CONTENT[source.kind]} must not be empty`);
    const others = (['file', 'text', 'ssml'] as const).filter(
      (k) => k !== source.kind && source[k] !== undefined,
    );
    if (others.length > 0)
      problems.push(`${at} is of kind '${source.kind}' but also sets ${others.join(', ')}`);
  });
  return problems;
}

/** What every queued media operation starts with: a fresh id, its context and callback override. */
function queuedOp(
  request: { operationContext?: string; operationCallbackUri?: string },
  now: number,
) {
  return {
    id: newToken(),
    operationContext: request.operationContext,
    callbackUri: request.operationCallbackUri,
    queuedAt: now,
  };
}

export function playOp(request: PlayRequest, config: Config, now: number): PlayOp {
  const problems = playSourceProblems(request.playSources, 'playSources');
  if (request.playSources.length === 0)
    problems.unshift('playSources must hold at least one play source');
  if (problems.length > 0) throw errors.invalidBody(problems);
  return {
    kind: 'play',
    ...queuedOp(request, now),
    phase: 'queued',
    spec: {
      playTo: (request.playTo ?? []).map((t, i) => identifierOf(t, `playTo[${i}]`).rawId),
      durationMs: request.playSources.length * config.playSourceDurationMs,
      loop: request.playOptions?.loop ?? false,
    },
  };
}

export function recognizeOp(request: RecognizeRequest, config: Config, now: number): RecognizeOp {
  const options = request.recognizeOptions;
  const prompts = request.playPrompts ?? (request.playPrompt ? [request.playPrompt] : []);
  const problems = [
    ...(request.playPrompts ? playSourceProblems(request.playPrompts, 'playPrompts') : []),
    ...(request.playPrompt ? playSourceProblems([request.playPrompt], 'playPrompt') : []),
  ];
  const maxTones = options.dtmfOptions?.maxTonesToCollect ?? DEFAULT_MAX_TONES;
  if (maxTones < 1)
    problems.push('recognizeOptions.dtmfOptions.maxTonesToCollect must be at least 1');
  if (request.recognizeInputType === 'choices' && (options.choices ?? []).length === 0)
    problems.push(
      "recognizeOptions.choices must hold at least one choice when recognizeInputType is 'choices'",
    );
  if (problems.length > 0) throw errors.invalidBody(problems);
  return {
    kind: 'recognize',
    ...queuedOp(request, now),
    state: RECOGNIZE_QUEUED,
    spec: {
      inputType: request.recognizeInputType,
      participant: identifierOf(options.targetParticipant, 'recognizeOptions.targetParticipant')
        .rawId,
      promptMs: prompts.length * config.playSourceDurationMs,
      interruptPrompt: options.interruptPrompt ?? false,
      initialSilenceMs:
        (options.initialSilenceTimeoutInSeconds ?? DEFAULT_INITIAL_SILENCE_SECONDS) * 1000,
      interToneMs:
        (options.dtmfOptions?.interToneTimeoutInSeconds ?? DEFAULT_INTER_TONE_SECONDS) * 1000,
      maxTones,
      stopTones: options.dtmfOptions?.stopTones ?? [],
      choices: options.choices ?? [],
      ...(options.speechOptions?.endSilenceTimeoutInMs !== undefined
        ? { endSilenceMs: options.speechOptions.endSilenceTimeoutInMs }
        : {}),
    },
  };
}

export function sendDtmfInput(
  request: SendDtmfTonesRequest,
  config: Config,
  now: number,
): SendDtmfInput {
  const target = identifierOf(request.targetParticipant, 'targetParticipant');
  if (request.tones.length === 0) throw errors.invalidBody(['tones must hold at least one tone']);
  if (request.tones.length > MAX_SEND_DTMF_TONES)
    throw errors.tooManyTones(request.tones.length, MAX_SEND_DTMF_TONES);
  if (target.kind !== 'phoneNumber') throw errors.sendDtmfNotPstn(target.rawId);
  return {
    type: 'send',
    send: {
      id: newToken(),
      participant: target.rawId,
      tones: request.tones,
      operationContext: request.operationContext,
      callbackUri: request.operationCallbackUri,
      at: now,
    },
    durationMs: request.tones.length * config.sendDtmfToneMs,
  };
}
