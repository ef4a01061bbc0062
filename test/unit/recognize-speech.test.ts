/**
 * Speech in the recognize machine on the manual clock: speech, choices (match, no match) and
 * speechOrDtmf (first input wins), end silence, interruptPrompt, and the phrase matching rules.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../../src/clock.js';
import type { RecognizeSpec } from '../../src/domain/recognize-machine.js';
import { defaultUtteranceMs, matchChoice, normalizePhrase } from '../../src/domain/speech.js';
import { driveRecognize } from '../helpers/recognize-driver.js';

const BASE: RecognizeSpec = {
  inputType: 'speech',
  participant: '4:+14255550123',
  promptMs: 0,
  interruptPrompt: false,
  initialSilenceMs: 5_000,
  interToneMs: 2_000,
  maxTones: 1,
  stopTones: [],
  choices: [],
  endSilenceMs: 300,
};
const MENU = [
  { label: 'billing', phrases: ['billing', 'pay my bill'], tone: 'one' as const },
  { label: 'support', phrases: ['support', 'help'], tone: 'two' as const },
];
const say = (text: string, durationMs = 1_000, confidence = 0.8) =>
  ({ type: 'speech', text, confidence, durationMs }) as const;

describe('recognize machine: speech', () => {
  it('speech completes after the utterance and the end silence with the words said', () => {
    const clock = createManualClock();
    const driver = driveRecognize(clock, BASE);
    driver.apply({ type: 'start' });
    clock.advance(200);
    driver.apply(say('I want to pay my bill'));
    clock.advance(1_299);
    assert.equal(driver.endings.length, 0);
    clock.advance(1);
    assert.deepEqual(driver.endings, [
      {
        event: 'RecognizeCompleted',
        result: { code: 200, subCode: 0, message: 'Action completed successfully.' },
        data: {
          recognitionType: 'speech',
          speechResult: { speech: 'I want to pay my bill', confidence: 0.8 },
        },
        atMs: 1_500,
      },
    ]);
    assert.equal(clock.pending(), 0);
  });

  it('choices: a phrase inside the utterance picks its choice (8545)', () => {
    const clock = createManualClock();
    const driver = driveRecognize(clock, { ...BASE, inputType: 'choices', choices: MENU });
    driver.apply({ type: 'start' });
    driver.apply(say('Uh, I want to PAY my bill, please!', 500, 0.95));
    clock.advance(10_000);
    assert.equal(driver.endings.length, 1);
    const [ending] = driver.endings;
    assert.equal(ending?.event, 'RecognizeCompleted');
    assert.equal(ending?.result.subCode, 8545);
    assert.deepEqual(ending?.data, {
      recognitionType: 'choices',
      choiceResult: { label: 'billing', recognizedPhrase: 'pay my bill', confidence: 0.95 },
    });
    assert.equal(ending?.atMs, 800);
  });

  it('choices: speech that matches no phrase fails with 8547', () => {
    const clock = createManualClock();
    const driver = driveRecognize(clock, { ...BASE, inputType: 'choices', choices: MENU });
    driver.apply({ type: 'start' });
    driver.apply(say('cancel my subscription'));
    clock.advance(10_000);
    assert.deepEqual(
      driver.endings.map((e) => [e.event, e.result.code, e.result.subCode, e.data]),
      [['RecognizeFailed', 400, 8547, undefined]],
    );
  });

  it('speechOrDtmf: a key first wins and later speech is ignored', () => {
    const clock = createManualClock();
    const driver = driveRecognize(clock, { ...BASE, inputType: 'speechOrDtmf', maxTones: 1 });
    driver.apply({ type: 'start' });
    driver.apply({ type: 'tone', tone: 'five' });
    driver.apply(say('billing'));
    clock.advance(10_000);
    assert.equal(driver.endings.length, 1);
    assert.deepEqual(driver.endings[0]?.data, {
      recognitionType: 'dtmf',
      dtmfResult: { tones: ['five'] },
    });
  });

  it('speechOrDtmf: speech first wins and a key while speaking is ignored', () => {
    const clock = createManualClock();
    const driver = driveRecognize(clock, { ...BASE, inputType: 'speechOrDtmf', maxTones: 1 });
    driver.apply({ type: 'start' });
    driver.apply(say('billing', 400));
    driver.apply({ type: 'tone', tone: 'five' });
    clock.advance(10_000);
    assert.equal(driver.endings.length, 1);
    assert.equal(driver.endings[0]?.data?.recognitionType, 'speech');
    assert.equal(driver.endings[0]?.atMs, 700);
  });

  it('dtmf ignores speech and still times out on initial silence', () => {
    const clock = createManualClock();
    const driver = driveRecognize(clock, { ...BASE, inputType: 'dtmf' });
    driver.apply({ type: 'start' });
    driver.apply(say('billing'));
    clock.advance(10_000);
    assert.deepEqual(
      driver.endings.map((e) => [e.event, e.result.subCode, e.atMs]),
      [['RecognizeFailed', 8510, 5_000]],
    );
  });

  it('speech during the prompt counts only with interruptPrompt', () => {
    for (const interruptPrompt of [false, true]) {
      const clock = createManualClock();
      const driver = driveRecognize(clock, { ...BASE, promptMs: 2_000, interruptPrompt });
      driver.apply({ type: 'start' });
      clock.advance(500);
      driver.apply(say('support', 500));
      clock.advance(20_000);
      const [ending] = driver.endings;
      if (interruptPrompt)
        assert.deepEqual([ending?.event, ending?.atMs], ['RecognizeCompleted', 1_300]);
      // Unheard over the prompt: listening starts at 2 s, silence runs out 5 s later.
      else assert.deepEqual([ending?.event, ending?.atMs], ['RecognizeFailed', 7_000]);
    }
  });

  it('the default end silence is half a second', () => {
    const clock = createManualClock();
    const driver = driveRecognize(clock, { ...BASE, endSilenceMs: undefined });
    driver.apply({ type: 'start' });
    driver.apply(say('hello', 1_000));
    clock.advance(10_000);
    assert.equal(driver.endings[0]?.atMs, 1_500);
  });
});

describe('speech phrases', () => {
  it('normalizes case, punctuation and spaces', () => {
    assert.equal(normalizePhrase('  Billing,   PLEASE!! '), 'billing please');
  });
  it('matches whole words only, first choice first', () => {
    assert.equal(matchChoice('helpful people', MENU), undefined);
    assert.equal(matchChoice('help', MENU)?.label, 'support');
    assert.equal(matchChoice('billing support', MENU)?.label, 'billing');
  });
  it('defaults an utterance to 400 ms a word, at least 600 ms', () => {
    assert.equal(defaultUtteranceMs('yes'), 600);
    assert.equal(defaultUtteranceMs('I want to pay my bill'), 2_400);
  });
});
