/** Fault rules, pure: matching, newest first, times counting down, seeded probability, phases. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FaultRuleSpec } from '../../src/faults/fault-rule.js';
import { FaultRules, matches, type FaultSubject } from '../../src/faults/fault-rules.js';
import { between, seededRandom } from '../../src/faults/prng.js';

const NOW = Date.parse('2026-03-12T10:00:00Z');
const STOP = 'CallMedia_StopContinuousDtmfRecognition';
const TONE = 'Microsoft.Communication.ContinuousDtmfRecognitionToneReceived';

const request = (over: Partial<FaultSubject> = {}): FaultSubject => ({
  phase: 'request',
  operation: STOP,
  callConnectionId: 'c1',
  ...over,
});
const error = (status: number): FaultRuleSpec['action'] => ({ type: 'error', status });

function rules(seed = 1): FaultRules {
  let n = 0;
  return new FaultRules(seed, () => `r${++n}`);
}

describe('fault rule matching', () => {
  const cases: [string, FaultRuleSpec['match'], FaultSubject, boolean][] = [
    ['empty match: everything', {}, request(), true],
    ['operation equal', { operation: STOP }, request(), true],
    ['operation differs', { operation: 'CallMedia_Play' }, request(), false],
    ['call equal', { callConnectionId: 'c1' }, request(), true],
    ['call differs', { callConnectionId: 'c2' }, request(), false],
    [
      'call named, subject has none (CreateCall)',
      { callConnectionId: 'c1' },
      request({ callConnectionId: undefined }),
      false,
    ],
    ['all fields must match', { operation: STOP, callConnectionId: 'c2' }, request(), false],
    ['event type equal', { eventType: TONE }, { phase: 'event', eventType: TONE }, true],
    ['event type differs', { eventType: TONE }, { phase: 'event', eventType: 'x' }, false],
    [
      "participant among the subject's",
      { participant: '4:+1' },
      request({ participants: () => ['8:acs:a', '4:+1'] }),
      true,
    ],
    [
      'participant not among them',
      { participant: '4:+1' },
      request({ participants: () => ['4:+2'] }),
      false,
    ],
    ['participant named, subject about nobody', { participant: '4:+1' }, request(), false],
  ];
  for (const [name, match, subject, expected] of cases) {
    it(name, () => assert.equal(matches(match, subject), expected));
  }

  it('does not work out participants unless a rule names one', () => {
    let asked = 0;
    const subject = request({ participants: () => (asked++, []) });
    assert.equal(matches({ operation: STOP }, subject), true);
    assert.equal(asked, 0);
  });
});

describe('fault rules', () => {
  it('tries the newest matching rule first and layers over older ones', () => {
    const r = rules();
    r.add({ match: { operation: STOP }, action: error(500) }, NOW);
    r.add({ match: { operation: STOP }, action: error(503), times: 1 }, NOW);
    assert.deepEqual(
      r.list().map((x) => x.id),
      ['r2', 'r1'],
    );
    assert.equal(r.take(request())?.rule.id, 'r2');
    // r2 used its one time and is gone; the older rule shows through.
    assert.deepEqual(
      r.list().map((x) => x.id),
      ['r1'],
    );
    assert.equal(r.take(request())?.rule.id, 'r1');
    assert.equal(r.take(request())?.rule.id, 'r1', 'a rule without times stays');
    assert.equal(r.get('r1')?.hits, 2);
  });

  it('counts times down and removes the rule at 0', () => {
    const r = rules();
    r.add({ match: {}, action: error(503), times: 3 }, NOW);
    assert.equal(
      r.take(request())?.rule.times,
      3,
      'the taken snapshot shows times before the take',
    );
    assert.equal(r.list()[0]?.times, 2);
    r.take(request());
    r.take(request());
    assert.equal(r.size, 0);
    assert.equal(r.take(request()), undefined);
  });

  it('only tries rules of the subject phase', () => {
    const r = rules();
    r.add({ match: {}, action: { type: 'drop' } }, NOW);
    r.add(
      {
        match: { operation: 'CallMedia_Play' },
        action: { type: 'failOperation', resultInformation: { code: 500, subCode: 1 } },
      },
      NOW,
    );
    assert.equal(r.take(request({ operation: 'CallMedia_Play' })), undefined);
    assert.equal(
      r.take({ phase: 'outcome', operation: 'CallMedia_Play' })?.action.type,
      'failOperation',
    );
    assert.equal(r.take({ phase: 'event', eventType: TONE })?.action.type, 'drop');
    assert.equal(r.take({ phase: 'tone', eventType: TONE }), undefined);
  });

  it('choose does not count; consume does', () => {
    const r = rules();
    r.add({ match: {}, action: error(503), times: 1 }, NOW);
    const chosen = r.choose(request());
    assert.equal(chosen?.rule.id, 'r1');
    assert.equal(r.list()[0]?.times, 1);
    r.consume('r1');
    assert.equal(r.size, 0);
    r.consume('r1'); // gone: nothing happens
  });

  it('marks say which rule and, for delays, how long', () => {
    const r = rules();
    r.add({ match: {}, action: { type: 'delay', ms: 25 } }, NOW);
    assert.deepEqual(r.take(request())?.mark, { ruleId: 'r1', action: 'delay', ms: 25 });
    r.add({ match: {}, action: { type: 'delay', minMs: 10, maxMs: 20 } }, NOW);
    for (let i = 0; i < 50; i++) {
      const ms = r.take(request())?.mark.ms ?? -1;
      assert.ok(ms >= 10 && ms <= 20, `drawn delay ${ms} within 10..20`);
    }
  });

  it('refuses a second rule with the same id', () => {
    const r = rules();
    r.add({ id: 'mine', match: {}, action: error(503) }, NOW);
    assert.throws(
      () => r.add({ id: 'mine', match: {}, action: error(500) }, NOW),
      /'mine' already exists/,
    );
    assert.equal(r.remove('mine'), true);
    assert.equal(r.remove('mine'), false);
  });

  it('probability: the same seed gives the same pattern, another seed another one', () => {
    const pattern = (r: FaultRules) => {
      r.add({ match: {}, action: error(503), probability: 0.5 }, NOW);
      return Array.from({ length: 100 }, () => (r.take(request()) ? 'x' : '.')).join('');
    };
    const first = pattern(rules(7));
    assert.equal(pattern(rules(7)), first);
    assert.notEqual(pattern(rules(8)), first);
    const hits = [...first].filter((c) => c === 'x').length;
    assert.ok(hits > 25 && hits < 75, `about half fire (${hits}/100)`);
  });

  it('a rule that loses its draw lets older rules be tried, and is not counted', () => {
    const r = rules(3);
    r.add({ match: {}, action: error(500) }, NOW);
    r.add({ match: {}, action: error(503), probability: 0.5, times: 100 }, NOW);
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 40; i++) seen.add(r.take(request())?.rule.id);
    assert.deepEqual([...seen].sort(), ['r1', 'r2']);
    const r2 = r.get('r2');
    assert.equal((r2?.times ?? 0) + (r2?.hits ?? 0), 100);
  });

  it('reset forgets every rule and replays the generator from the seed', () => {
    const r = rules(11);
    const run = () => {
      r.add({ match: {}, action: error(503), probability: 0.3 }, NOW);
      return Array.from({ length: 30 }, () => (r.take(request()) ? 'x' : '.')).join('');
    };
    const first = run();
    r.reset();
    assert.equal(r.size, 0);
    assert.equal(run(), first);
  });
});

describe('seeded generator', () => {
  it('is the same sequence for the same seed, in [0, 1)', () => {
    const a = seededRandom(123);
    const b = seededRandom(123);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      assert.equal(x, b());
      assert.ok(x >= 0 && x < 1);
    }
  });

  it('between covers both ends', () => {
    const random = seededRandom(5);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(between(random, 1, 3));
    assert.deepEqual([...seen].sort(), [1, 2, 3]);
  });
});
