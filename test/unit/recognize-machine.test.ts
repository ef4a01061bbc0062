/**
 * The recognize machine as a table on the manual clock: every documented ending (8531 max digits,
 * 8514 stop tone, 8532 inter-digit timeout, 8510 initial silence, 8508 canceled), when it happens
 * on the clock, and what the caller's keys do during the prompt.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../../src/clock.js';
import type { RecognizeSpec } from '../../src/domain/recognize-machine.js';
import { parseTones, type Tone } from '../../src/domain/tones.js';
import { driveRecognize } from '../helpers/recognize-driver.js';

const BASE: RecognizeSpec = {
  inputType: 'dtmf',
  participant: '4:+14255550123',
  promptMs: 0,
  interruptPrompt: false,
  initialSilenceMs: 5_000,
  interToneMs: 2_000,
  maxTones: 10,
  stopTones: ['pound'],
  choices: [],
};

/** A script step: press keys (one per `gapMs`), advance the clock, or send an input. */
type Step =
  { press: string; gapMs?: number } | { advance: number } | { input: 'cancel' | 'callEnded' };

interface Case {
  name: string;
  /** Leave it queued behind another operation instead of starting it. */
  queued?: boolean;
  spec?: Partial<RecognizeSpec>;
  script: Step[];
  event: string;
  code: number;
  subCode: number;
  atMs: number;
  tones?: Tone[];
  data?: Record<string, unknown>;
}

const keys = (s: string): Tone[] => {
  const parsed = parseTones(s);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.tones;
};

const CASES: Case[] = [
  {
    name: 'max digits: the fourth key of four completes at once',
    spec: { maxTones: 4, stopTones: [] },
    script: [{ advance: 1_000 }, { press: '1234', gapMs: 100 }],
    event: 'RecognizeCompleted',
    code: 200,
    subCode: 8531,
    atMs: 1_300,
    tones: keys('1234'),
  },
  {
    name: 'stop tone: "1234#" completes with the four digits, not the stop tone',
    script: [{ press: '1234#', gapMs: 100 }],
    event: 'RecognizeCompleted',
    code: 200,
    subCode: 8514,
    atMs: 400,
    tones: keys('1234'),
  },
  {
    name: 'stop tone as the first key completes with no tones',
    script: [{ advance: 700 }, { press: '#' }],
    event: 'RecognizeCompleted',
    code: 200,
    subCode: 8514,
    atMs: 700,
    tones: [],
  },
  {
    name: 'inter-digit timeout: two keys, then silence for interToneMs',
    script: [{ press: '12', gapMs: 500 }],
    event: 'RecognizeCompleted',
    code: 400,
    subCode: 8532,
    atMs: 500 + 2_000,
    tones: keys('12'),
  },
  {
    name: 'each key restarts the inter-digit timer',
    script: [{ press: '123', gapMs: 1_500 }],
    event: 'RecognizeCompleted',
    code: 400,
    subCode: 8532,
    atMs: 3_000 + 2_000,
    tones: keys('123'),
  },
  {
    name: 'initial silence: no key within initialSilenceMs fails with 8510',
    script: [],
    event: 'RecognizeFailed',
    code: 400,
    subCode: 8510,
    atMs: 5_000,
  },
  {
    name: 'initial silence is counted from the end of the prompt',
    spec: { promptMs: 3_000 },
    script: [],
    event: 'RecognizeFailed',
    code: 400,
    subCode: 8510,
    atMs: 3_000 + 5_000,
  },
  {
    name: 'keys during a prompt that cannot be interrupted are ignored',
    spec: { promptMs: 3_000, interruptPrompt: false },
    script: [{ advance: 1_000 }, { press: '12#' }],
    event: 'RecognizeFailed',
    code: 400,
    subCode: 8510,
    atMs: 3_000 + 5_000,
  },
  {
    name: 'a key interrupts an interruptible prompt and counts',
    spec: { promptMs: 3_000, interruptPrompt: true, maxTones: 1 },
    script: [{ advance: 1_000 }, { press: '7' }],
    event: 'RecognizeCompleted',
    code: 200,
    subCode: 8531,
    atMs: 1_000,
    tones: keys('7'),
  },
  {
    name: 'cancel while collecting reports RecognizeCanceled 8508',
    script: [{ press: '12' }, { advance: 1_000 }, { input: 'cancel' }],
    event: 'RecognizeCanceled',
    code: 400,
    subCode: 8508,
    atMs: 1_000,
  },
  {
    name: 'cancel while still queued reports RecognizeCanceled too',
    queued: true,
    script: [{ advance: 10_000 }, { input: 'cancel' }],
    event: 'RecognizeCanceled',
    code: 400,
    subCode: 8508,
    atMs: 10_000,
  },
  {
    name: 'the call ending under it fails the recognize',
    script: [{ press: '1' }, { advance: 200 }, { input: 'callEnded' }],
    event: 'RecognizeFailed',
    code: 400,
    subCode: 8508,
    atMs: 200,
  },
  {
    name: 'choices: a key that picks no choice is ignored; one that does completes with its label',
    spec: {
      inputType: 'choices',
      choices: [
        { label: 'sales', tone: 'one' },
        { label: 'support', tone: 'two' },
      ],
    },
    script: [{ press: '9' }, { advance: 1_000 }, { press: '2' }],
    event: 'RecognizeCompleted',
    code: 200,
    subCode: 0,
    atMs: 1_000,
    data: { recognitionType: 'choices', choiceResult: { label: 'support' } },
  },
  {
    name: 'speech: the simulated caller never speaks, keys do not count',
    spec: { inputType: 'speech' },
    script: [{ press: '1#' }],
    event: 'RecognizeFailed',
    code: 400,
    subCode: 8510,
    atMs: 5_000,
  },
  {
    name: 'speechOrDtmf: the DTMF side behaves like dtmf',
    spec: { inputType: 'speechOrDtmf', maxTones: 2 },
    script: [{ press: '42', gapMs: 10 }],
    event: 'RecognizeCompleted',
    code: 200,
    subCode: 8531,
    atMs: 10,
    tones: keys('42'),
  },
];

describe('recognize machine on the manual clock', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const clock = createManualClock();
      const driver = driveRecognize(clock, { ...BASE, ...c.spec });
      if (!c.queued) driver.apply({ type: 'start' });
      for (const step of c.script) {
        if ('advance' in step) clock.advance(step.advance);
        else if ('input' in step) driver.apply({ type: step.input });
        else {
          keys(step.press).forEach((tone, i) => {
            if (i > 0) clock.advance(step.gapMs ?? 0);
            driver.apply({ type: 'tone', tone });
          });
        }
      }
      // Long after the ending nothing else may happen: no second ending, no timer left behind.
      clock.advance(600_000);
      assert.equal(driver.endings.length, 1, JSON.stringify(driver.endings));
      const [ending] = driver.endings;
      assert.equal(ending?.event, c.event);
      assert.equal(ending?.result.code, c.code);
      assert.equal(ending?.result.subCode, c.subCode);
      assert.equal(ending?.atMs, c.atMs);
      if (c.tones) {
        assert.deepEqual(ending?.data, { recognitionType: 'dtmf', dtmfResult: { tones: c.tones } });
      }
      if (c.data) assert.deepEqual(ending?.data, c.data);
      if (c.event !== 'RecognizeCompleted') assert.equal(ending?.data, undefined);
      assert.equal(driver.state.phase, 'done');
      assert.equal(clock.pending(), 0);
    });
  }

  it('a finished recognize ignores later keys and timers', () => {
    const clock = createManualClock();
    const driver = driveRecognize(clock, { ...BASE, maxTones: 1 });
    driver.apply({ type: 'start' });
    driver.apply({ type: 'tone', tone: 'one' });
    driver.apply({ type: 'tone', tone: 'two' });
    driver.apply({ type: 'silenceTimeout' });
    driver.apply({ type: 'cancel' });
    assert.deepEqual(
      driver.endings.map((e) => e.event),
      ['RecognizeCompleted'],
    );
  });

  it('keys before the recognize starts (still queued) are not collected', () => {
    const clock = createManualClock();
    const driver = driveRecognize(clock, { ...BASE, maxTones: 1 });
    driver.apply({ type: 'tone', tone: 'one' });
    assert.equal(driver.state.phase, 'queued');
    assert.deepEqual(driver.state.tones, []);
  });
});
