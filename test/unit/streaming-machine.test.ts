/**
 * The streaming subscription machine as a table: which input moves which state, and the event
 * (with its transcriptionUpdate / mediaStreamingUpdate) each transition sends.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  stepStreaming,
  type MediaStreamingSetup,
  type StreamingInput,
  type Subscription,
  type SubscriptionState,
  type TranscriptionSetup,
} from '../../src/domain/streaming-machine.js';

const MEDIA: Subscription<MediaStreamingSetup> = {
  id: 'm',
  state: 'inactive',
  setup: {
    transportUrl: 'ws://x.test',
    audioChannelType: 'mixed',
    sampleRate: 16000,
    enableBidirectional: false,
    enableDtmfTones: false,
    startOnConnect: false,
  },
};
const TRANSCRIPTION: Subscription<TranscriptionSetup> = {
  id: 't',
  state: 'inactive',
  setup: { locale: 'en-US', enableIntermediateResults: false, startOnConnect: false },
};

interface Row {
  from: SubscriptionState;
  input: StreamingInput;
  to: SubscriptionState;
  media?: [string, string, number] | undefined;
  transcription?: [string, string, number] | undefined;
}

const ROWS: Row[] = [
  { from: 'inactive', input: { type: 'start' }, to: 'starting' },
  { from: 'active', input: { type: 'start' }, to: 'active' },
  {
    from: 'starting',
    input: { type: 'connected', at: 5 },
    to: 'active',
    media: ['MediaStreamingStarted', 'subscriptionStarted', 0],
    transcription: ['TranscriptionStarted', 'subscriptionStarted', 0],
  },
  {
    from: 'starting',
    input: { type: 'connectFailed' },
    to: 'inactive',
    media: ['MediaStreamingFailed', 'initialWebSocketConnectionFailed', 8578],
    transcription: ['TranscriptionFailed', 'streamConnectionUnsuccessful', 8578],
  },
  {
    from: 'active',
    input: { type: 'dropped' },
    to: 'inactive',
    media: ['MediaStreamingFailed', 'streamConnectionInterrupted', 8579],
    transcription: ['TranscriptionFailed', 'streamConnectionInterrupted', 8579],
  },
  {
    from: 'active',
    input: { type: 'stop', operationContext: 'bye' },
    to: 'inactive',
    media: ['MediaStreamingStopped', 'subscriptionStopped', 0],
    transcription: ['TranscriptionStopped', 'subscriptionStopped', 0],
  },
  { from: 'inactive', input: { type: 'stop' }, to: 'inactive' },
  {
    from: 'active',
    input: { type: 'callEnded' },
    to: 'inactive',
    media: ['MediaStreamingStopped', 'subscriptionStopped', 0],
    transcription: ['TranscriptionStopped', 'subscriptionStopped', 0],
  },
  { from: 'starting', input: { type: 'callEnded' }, to: 'inactive' },
  { from: 'inactive', input: { type: 'connected', at: 1 }, to: 'inactive' },
];

describe('streaming subscription machine', () => {
  for (const row of ROWS) {
    for (const [kind, start] of [
      ['media', MEDIA],
      ['transcription', TRANSCRIPTION],
    ] as const) {
      it(`${kind}: ${row.from} + ${row.input.type} -> ${row.to}`, () => {
        const sub: Subscription<MediaStreamingSetup | TranscriptionSetup> = {
          ...start,
          state: row.from,
        };
        const step = stepStreaming(kind, sub, row.input);
        assert.equal(step.subscription.state, row.to);
        const expected = row[kind];
        assert.equal(step.effects.length, expected ? 1 : 0);
        if (!expected) return;
        const [event, details, subCode] = expected;
        const [effect] = step.effects;
        assert.equal(effect?.event, event);
        assert.equal(effect?.resultInformation?.subCode, subCode);
        const update =
          effect?.data?.[kind === 'media' ? 'mediaStreamingUpdate' : 'transcriptionUpdate'];
        assert.equal(
          (update as Record<string, string>)[
            kind === 'media' ? 'mediaStreamingStatusDetails' : 'transcriptionStatusDetails'
          ],
          details,
        );
        if (row.input.type === 'stop') assert.equal(effect?.operationContext, 'bye');
      });
    }
  }

  it('start and update change the transcription locale; update sends TranscriptionUpdated', () => {
    const started = stepStreaming('transcription', TRANSCRIPTION, {
      type: 'start',
      locale: 'fr-FR',
    });
    assert.equal(started.subscription.setup.locale, 'fr-FR');
    const updated = stepStreaming(
      'transcription',
      { ...started.subscription, state: 'active' },
      { type: 'update', locale: 'de-DE', operationContext: 'u' },
    );
    assert.equal(updated.subscription.setup.locale, 'de-DE');
    assert.equal(updated.effects[0]?.event, 'TranscriptionUpdated');
    assert.equal(updated.effects[0]?.operationContext, 'u');
  });
});
