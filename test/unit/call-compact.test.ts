/** What an idle call keeps (issue 20): the compact stored form, the shared pieces, flat ids. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallRuntime } from '../../src/calls/call-runtime.js';
import { StringPool } from '../../src/calls/string-pool.js';
import { createManualClock } from '../../src/clock.js';
import { compactCall, NO_DTMF } from '../../src/domain/call-compact.js';
import { stepCall } from '../../src/domain/call-machine.js';
import { newGuid } from '../../src/domain/ids.js';
import { resourceIdentity } from '../../src/domain/resource-identity.js';
import type { EventSink } from '../../src/events/event-sink.js';
import { buildCall } from '../helpers/call-builder.js';

describe('compact call', () => {
  it('drops undefined keys, keeps every other field and its order', () => {
    const call = buildCall(['4:+14255550123'], {
      operationContext: undefined,
      sourceDisplayName: undefined,
      tonesPressed: '1#',
    });
    const compact = compactCall(call, (s) => s);
    assert.ok(!('operationContext' in compact) && !('sourceDisplayName' in compact));
    assert.deepEqual(
      Object.keys(compact),
      Object.keys(call).filter((k) => call[k as keyof typeof call] !== undefined),
    );
    assert.equal(JSON.stringify(compact), JSON.stringify(call));
  });

  it('shares one frozen empty DTMF record and keeps a non-empty one', () => {
    const idle = compactCall(buildCall(['4:+14255550123']), (s) => s);
    assert.equal(idle.dtmf, NO_DTMF);
    assert.ok(Object.isFrozen(NO_DTMF));
    const active = buildCall(['4:+14255550123'], {
      dtmf: { '4:+14255550123': { status: 'active' } },
    });
    assert.equal(compactCall(active, (s) => s).dtmf, active.dtmf);
  });

  it('stores the callback URL the pool hands back', () => {
    const asked: string[] = [];
    const intern = (s: string) => (asked.push(s), 'pooled');
    const compact = compactCall(buildCall(['4:+14255550123']), intern);
    assert.deepEqual(asked, ['http://app/cb']);
    assert.equal(compact.callbackUri, 'pooled');
  });

  it('a machine step on the compact call behaves as on the original', () => {
    const original = buildCall(['4:+14255550123'], { state: 'connecting' });
    const a = stepCall(original, { type: 'connected', at: 5 });
    const b = stepCall(
      compactCall(original, (s) => s),
      { type: 'connected', at: 5 },
    );
    assert.ok(a.ok && b.ok);
    assert.deepEqual(b.effects, a.effects);
    assert.equal(JSON.stringify(b.call), JSON.stringify(a.call));
  });
});

describe('string pool', () => {
  it('keeps one entry per distinct string', () => {
    const pool = new StringPool(10);
    for (let i = 0; i < 5; i++) assert.equal(pool.intern([...'abc'].join('')), 'abc');
    assert.equal(pool.size, 1);
    pool.intern('def');
    assert.equal(pool.size, 2);
  });

  it('starts over when full, so it never holds more than its limit', () => {
    const pool = new StringPool(2);
    for (const s of ['a', 'b', 'c', 'd', 'e']) {
      assert.equal(pool.intern(s), s);
      assert.ok(pool.size <= 2);
    }
    pool.clear();
    assert.equal(pool.size, 0);
  });
});

describe('shared call pieces', () => {
  it('the resource identity is one frozen object per resource', () => {
    const a = resourceIdentity('res-1');
    assert.equal(resourceIdentity('res-1'), a);
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a.model));
    assert.equal(a.rawId, '8:acs:res-1_00000000-0000-0000-0000-000000000000');
    const b = resourceIdentity('res-2');
    assert.equal(b.rawId, '8:acs:res-2_00000000-0000-0000-0000-000000000000');
    assert.notEqual(b, a);
  });

  it('GUIDs stay lowercase version 4 GUIDs', () => {
    for (let i = 0; i < 100; i++)
      assert.match(
        newGuid(),
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
  });

  it('an admitted call is stored compact without undefined keys or a DTMF record of its own', () => {
    const events: EventSink = { enqueue: () => undefined };
    const runtime = new CallRuntime({
      clock: createManualClock(0),
      events,
      connectDelayMs: 10,
      maxCalls: 10,
    });
    const admit = (id: string) => {
      const admitted = runtime.admit(() =>
        buildCall(['4:+14255550123'], {
          callConnectionId: id,
          state: 'connecting',
          callbackUri: [...'http://app/cb'].join(''),
          operationContext: undefined,
        }),
      );
      assert.ok(admitted.ok);
      return admitted.call;
    };
    admit('c1');
    const second = admit('c2');
    assert.equal(runtime.get('c2'), second);
    assert.ok(!('operationContext' in second));
    assert.equal(second.dtmf, NO_DTMF);
  });
});
