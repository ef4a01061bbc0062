/**
 * Values shaped as the service's recordings show them: serverCallId, event time, stable GUIDs and
 * the recorded resultInformation of each event.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newServerCallId, stableGuid } from '../../src/domain/ids.js';
import { DEFAULT_RESULTS } from '../../src/domain/results.js';
import { serviceTime } from '../../src/events/cloud-event.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('serverCallId', () => {
  it('is standard base64 with = padding of an https URL, and always contains a /', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const id = newServerCallId();
      ids.add(id);
      assert.match(id, /^[A-Za-z0-9+/]+={1,2}$/);
      assert.ok(id.includes('/'), `${id} has a '/' an app must URL-encode`);
      assert.equal(Buffer.from(id, 'base64').toString('base64'), id, 'round-trips');
      assert.match(Buffer.from(id, 'base64').toString(), /^https:\/\/[^\s]+$/);
      assert.notEqual(encodeURIComponent(id), id);
    }
    assert.equal(ids.size, 500, 'unique');
  });
});

describe('stableGuid', () => {
  it('is a version-5 style GUID, the same for the same seed and different for another', () => {
    const a = stableGuid('call-1/mediaStreamingSubscription');
    assert.match(a, GUID);
    assert.equal(a[14], '5');
    assert.equal(stableGuid('call-1/mediaStreamingSubscription'), a);
    assert.notEqual(stableGuid('call-2/mediaStreamingSubscription'), a);
  });
});

describe('event time', () => {
  it('is written with fractional seconds and a +00:00 offset, trailing zeros dropped', () => {
    const at = Date.UTC(2025, 5, 16, 20, 52, 33, 730);
    assert.equal(serviceTime(at), '2025-06-16T20:52:33.73+00:00');
    assert.equal(serviceTime(at + 1), '2025-06-16T20:52:33.731+00:00');
    assert.equal(serviceTime(Date.UTC(2025, 5, 16, 20, 52, 33)), '2025-06-16T20:52:33.0+00:00');
    assert.equal(Date.parse(serviceTime(at + 1)), at + 1, 'parses back to the same instant');
  });
});

describe('recorded resultInformation', () => {
  const rows: [keyof typeof DEFAULT_RESULTS, number, number, string][] = [
    ['CallConnected', 200, 0, ''],
    ['SendDtmfTonesCompleted', 200, 0, ''],
    ['PlayStarted', 200, 0, 'Action completed successfully.'],
    ['PlayCompleted', 200, 0, 'Action completed successfully.'],
    ['RecognizeFailed', 400, 8510, 'Action failed, initial silence timeout reached.'],
    ['PlayCanceled', 400, 8508, 'Action failed, the operation was cancelled.'],
    [
      'ContinuousDtmfRecognitionStopped',
      200,
      7000,
      'The conversation has ended. DiagCode: 0#7000.@',
    ],
  ];
  for (const [event, code, subCode, message] of rows) {
    it(`${event}: ${code} / ${subCode} / ${JSON.stringify(message)}`, () => {
      assert.deepEqual(DEFAULT_RESULTS[event], { code, subCode, message });
    });
  }
});
