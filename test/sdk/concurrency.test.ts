/**
 * Many concurrent starts, stops, key presses and hang-ups on one call leave a consistent state:
 * exactly one ContinuousDtmfRecognitionStopped per active recognition, tone sequence ids without
 * gaps or repeats, and no event after CallDisconnected. The expected Stopped events are computed by
 * replaying the requests in the order the emulator handled them (the request journal's sequence)
 * through the recognition machine.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DTMF_IDLE, stepDtmf, type DtmfState } from '../../src/domain/dtmf-machine.js';
import { acsRequest } from '../helpers/acs-request.js';
import { useEmulator } from '../helpers/use-emulator.js';

const V = 'api-version=2026-03-12';
const PHONES = ['+14255550100', '+14255550101', '+14255550102', '+14255550103'];
const target = (phone: string) => ({ rawId: `4:${phone}`, phoneNumber: { value: phone } });

interface JournalRecord {
  sequence: number;
  operation?: string;
  status: number;
  body?: { targetParticipant?: { rawId?: string }; operationContext?: string };
}

describe('concurrency on one call', () => {
  const fx = useEmulator({ connectDelayMs: 0 });

  it('racing starts, stops, key presses and a hang-up stay consistent', async () => {
    const created = await acsRequest(fx.running.url, {
      method: 'POST',
      path: `/calling/callConnections?${V}`,
      body: {
        targets: PHONES.map((p) => ({ kind: 'phoneNumber', ...target(p) })),
        callbackUri: fx.listener.url(),
      },
    });
    assert.equal(created.status, 201);
    const id = String(created.json.callConnectionId);
    await fx.listener.waitFor(
      (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === id,
    );
    const one = `/calling/callConnections/${id}`;
    const media = (action: 'start' | 'stop', phone: string, context: string) =>
      acsRequest(fx.running.url, {
        method: 'POST',
        path: `${one}:${action}ContinuousDtmfRecognition?${V}`,
        body: { targetParticipant: target(phone), operationContext: context },
      });
    const press = (tones: string) =>
      fetch(`${fx.running.url}admin/calls/${id}/dtmf`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tones }),
      });

    // The first participant gets a storm of starts and stops with key presses in between;
    // the others one clean start/stop each, all at once.
    const storm: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      storm.push(
        media(
          i % 3 === 0 ? 'stop' : 'start',
          PHONES[0] as string,
          `p0-${i % 3 === 0 ? 'stop' : 'start'}-${i}`,
        ),
      );
      if (i % 4 === 0) storm.push(press('1'));
    }
    for (const phone of PHONES.slice(1)) {
      storm.push(
        media('start', phone, `${phone}-start`).then(() => media('stop', phone, `${phone}-stop`)),
      );
    }
    await Promise.all(storm);
    // A last start on each (so key presses are surely received), then a hang-up racing more
    // requests and presses.
    await Promise.all(PHONES.map((p) => media('start', p, `${p}-final-start`)));
    await Promise.all([press('4'), press('5'), press('6')]);
    const late = [
      acsRequest(fx.running.url, { method: 'DELETE', path: `${one}?${V}` }),
      ...PHONES.map((p) => media('stop', p, `${p}-late-stop`)),
      press('2'),
      press('3'),
    ];
    await Promise.all(late);
    await fx.listener.waitFor(
      (c) => c.event.kind === 'CallDisconnected' && c.event.callConnectionId === id,
    );
    // Everything produced is delivered before the checks: nothing may be pending.
    for (let i = 0; i < 100; i++) {
      const pending = await fx.running.admin<{ value: unknown[] }>(
        `/admin/events?callConnectionId=${id}&status=pending`,
      );
      if (pending.value.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }

    const events = fx.listener.received
      .filter((c) => c.event.callConnectionId === id)
      .map((c) => c.event);
    assert.equal(events.at(-1)?.kind, 'CallDisconnected', 'no event after CallDisconnected');
    assert.equal(events.filter((e) => e.kind === 'CallDisconnected').length, 1);

    // Replay what the emulator handled, in its order, through the machine.
    const journal = await fx.running.admin<{ value: JournalRecord[] }>(
      `/admin/requests?callConnectionId=${id}`,
    );
    const handled = journal.value
      .filter((r) => r.status < 300)
      .sort((a, b) => a.sequence - b.sequence);
    const states = new Map<string, DtmfState>();
    const expected: string[] = [];
    for (const record of handled) {
      const participant = record.body?.targetParticipant?.rawId;
      if (record.operation === 'CallConnection_HangupCall') {
        for (const state of states.values()) {
          for (const e of stepDtmf(state, { type: 'callEnded' }).effects)
            if (e.type === 'emit') expected.push(String(e.operationContext));
        }
        break;
      }
      if (!participant || !record.operation?.includes('ContinuousDtmfRecognition')) continue;
      const input = record.operation.includes('Start')
        ? { type: 'start' as const, operationContext: record.body?.operationContext }
        : { type: 'stop' as const, operationContext: record.body?.operationContext };
      const step = stepDtmf(states.get(participant) ?? DTMF_IDLE, input);
      states.set(participant, step.state);
      for (const e of step.effects)
        if (e.type === 'emit') expected.push(String(e.operationContext));
    }
    const stopped = events
      .filter((e) => e.kind === 'ContinuousDtmfRecognitionStopped')
      .map((e) => String(e.operationContext));
    assert.deepEqual(
      [...stopped].sort(),
      [...expected].sort(),
      'one Stopped per active recognition',
    );
    assert.ok(stopped.length >= PHONES.length, 'each participant stopped at least once');

    const tones = events.filter((e) => e.kind === 'ContinuousDtmfRecognitionToneReceived');
    assert.ok(tones.length >= 3, 'the presses while surely active were received');
    assert.deepEqual(
      tones.map((e) => e.sequenceId),
      tones.map((_, i) => i + 1),
      'sequence ids from 1 without gaps or repeats',
    );
    for (const tone of tones)
      assert.match(String(tone.operationContext), /^(p0-start-\d+|\+14255550100-final-start)$/);

    const after = await acsRequest(fx.running.url, { method: 'GET', path: `${one}?${V}` });
    assert.equal(after.status, 404);
  });
});
