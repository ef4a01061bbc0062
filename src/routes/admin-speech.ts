/**
 * The simulated caller speaks (control API, route name is a contract):
 * POST /admin/calls/{callConnectionId}/speech {text, participant?, confidence?, durationMs?} -> 202.
 * The utterance lasts `durationMs` on the emulator clock; a running recognize hears it, live
 * transcription transcribes it and the media stream carries it.
 */
import { Router } from 'express';
import { defaultUtteranceMs, DEFAULT_SPEECH_CONFIDENCE, type Utterance } from '../domain/speech.js';
import { errors } from '../http/errors.js';
import { adminParse } from './admin-body.js';
import { expectApplied } from './call-lookup.js';
import type { Services } from './handler.js';

const SPEECH_FIELDS = ['text', 'participant', 'confidence', 'durationMs'];
const MAX_TEXT = 4000;
const MAX_DURATION_MS = 600_000;

export function adminSpeechRouter(services: Services): Router {
  const router = Router();
  router.post('/calls/:callConnectionId/speech', (req, res) => {
    const id = req.params.callConnectionId;
    const body = adminParse(req.body, SPEECH_FIELDS);
    const call = services.calls.get(id);
    if (!call) throw errors.adminCallNotFound(id);
    if (call.state === 'disconnected') throw errors.adminCallEnded(id);
    const problems: string[] = [];
    const { text, confidence = DEFAULT_SPEECH_CONFIDENCE } = body;
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT)
      problems.push(`text is required: what the caller says, 1 to ${MAX_TEXT} characters`);
    const participant = body.participant ?? call.participants[0]?.identifier.rawId;
    if (typeof participant !== 'string' || participant === '')
      problems.push('participant must be a raw id string such as "4:+14255550123"');
    if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1))
      problems.push('confidence must be a number from 0 to 1');
    const durationMs =
      body.durationMs ?? (typeof text === 'string' ? defaultUtteranceMs(text) : undefined);
    if (
      typeof durationMs !== 'number' ||
      !Number.isInteger(durationMs) ||
      durationMs < 1 ||
      durationMs > MAX_DURATION_MS
    )
      problems.push(
        `durationMs must be a whole number of milliseconds from 1 to ${MAX_DURATION_MS}`,
      );
    if (problems.length > 0) throw errors.invalidBody(problems);
    const utterance: Utterance = {
      text: text as string,
      participant: participant as string,
      confidence: confidence as number,
      durationMs: durationMs as number,
      at: services.clock.now(),
    };
    expectApplied(services, id, services.calls.apply(id, { type: 'speech', utterance }));
    res.status(202).json({
      callConnectionId: id,
      participant: utterance.participant,
      text: utterance.text,
      confidence: utterance.confidence,
      durationMs: utterance.durationMs,
    });
  });
  return router;
}
