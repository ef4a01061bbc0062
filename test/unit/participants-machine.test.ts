/**
 * The participants machine as tables: every way an invitation ends, every way a participant
 * leaves, and the ParticipantsUpdated sequence each change produces.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Call } from '../../src/domain/call.js';
import { stepCall, type CallInput } from '../../src/domain/call-machine.js';
import type { Effect, EmitEffect } from '../../src/domain/effect.js';
import type { Invitation } from '../../src/domain/invitation.js';
import {
  ENDED_INVITATIONS_KEPT,
  type ParticipantsInput,
} from '../../src/domain/participants-machine.js';
import type { PartyAnswer } from '../../src/domain/results.js';
import { identifierFromRawId } from '../../src/schemas/identifier.js';
import { buildCall } from '../helpers/call-builder.js';

const CALLER = identifierFromRawId('4:+14255550123');
const AGENT = identifierFromRawId('4:+14255550199');
const SUPERVISOR = identifierFromRawId('8:acs:res_supervisor');
const SELF = identifierFromRawId('8:acs:res_00000000-0000-0000-0000-000000000000');

const call = (overrides: Partial<Call> = {}): Call =>
  buildCall([CALLER.rawId], {
    operationContext: 'create-ctx',
    self: SELF,
    participantsSequence: 1,
    ...overrides,
  });

const who = (input: ParticipantsInput, at = 10): CallInput => ({
  type: 'participants',
  input,
  at,
});

function invitation(kind: Invitation['kind'], party = SUPERVISOR): Invitation {
  return {
    invitationId: 'inv-1',
    kind,
    participant: party,
    ...(kind === 'transfer' ? { transferee: CALLER } : {}),
    status: 'ringing',
    operationContext: 'op',
    callbackUri: 'http://app/op',
    createdAt: 0,
  };
}

/** Steps the inputs in order; every step must be accepted. */
function run(start: Call, ...inputs: CallInput[]): { call: Call; effects: Effect<CallInput>[] } {
  let current = start;
  const effects: Effect<CallInput>[] = [];
  for (const input of inputs) {
    const step = stepCall(current, input);
    assert.ok(step.ok, `step ${input.type} accepted: ${JSON.stringify(step)}`);
    current = step.call;
    effects.push(...step.effects);
  }
  return { call: current, effects };
}

const emits = (effects: Effect<CallInput>[]) =>
  effects.filter((e): e is EmitEffect => e.type === 'emit');

const summary = (effects: Effect<CallInput>[]) =>
  emits(effects).map((e) => {
    const code = e.resultInformation ? `/${e.resultInformation.subCode}` : '';
    return `${e.event}${code}@${e.callbackUri}`;
  });

const invite = (
  kind: Invitation['kind'],
  answer: PartyAnswer,
  afterMs: number,
  timeoutMs = 30_000,
) => who({ type: 'invite', invitation: invitation(kind), answer, afterMs, timeoutMs });

describe('participants machine: invitations', () => {
  it('an invitation schedules its ending: the answer in time, else noAnswer at the timeout', () => {
    const cases: [PartyAnswer, number, number, PartyAnswer, number][] = [
      // answer, afterMs, timeoutMs -> outcome, when
      ['accept', 100, 30_000, 'accept', 100],
      ['decline', 200, 30_000, 'decline', 200],
      ['busy', 0, 30_000, 'busy', 0],
      ['unreachable', 50, 30_000, 'unreachable', 50],
      ['noAnswer', 100, 5_000, 'noAnswer', 5_000],
      ['accept', 9_000, 5_000, 'noAnswer', 5_000],
    ];
    for (const [answer, afterMs, timeoutMs, outcome, ms] of cases) {
      const { call: after, effects } = run(call(), invite('add', answer, afterMs, timeoutMs));
      assert.deepEqual(
        effects,
        [
          {
            type: 'schedule',
            key: 'invite-inv-1',
            ms,
            input: who({ type: 'inviteOutcome', invitationId: 'inv-1', outcome }, 0),
          },
        ],
        `${answer} after ${afterMs} with timeout ${timeoutMs}`,
      );
      assert.equal(after.invitations?.[0]?.status, 'ringing');
    }
  });

  it('every ending of an add invitation: its event, result code, list and sequence', () => {
    const cases: [PartyAnswer, string[], number, number][] = [
      // outcome -> events, participants after, sequence after
      [
        'accept',
        ['AddParticipantSucceeded/0@http://app/op', 'ParticipantsUpdated/0@http://app/cb'],
        2,
        2,
      ],
      ['decline', ['AddParticipantFailed/8538@http://app/op'], 1, 1],
      ['busy', ['AddParticipantFailed/8539@http://app/op'], 1, 1],
      ['noAnswer', ['AddParticipantFailed/8541@http://app/op'], 1, 1],
      ['unreachable', ['AddParticipantFailed/8544@http://app/op'], 1, 1],
    ];
    for (const [outcome, expected, count, sequence] of cases) {
      const { call: after, effects } = run(
        call(),
        invite('add', outcome, 10),
        who({ type: 'inviteOutcome', invitationId: 'inv-1', outcome }),
      );
      const defaults = emits(effects).map((e) => ({
        ...e,
        resultInformation: e.resultInformation ?? { code: 200, subCode: 0, message: '' },
      }));
      assert.deepEqual(summary(defaults), expected, outcome);
      assert.equal(after.participants.length, count, outcome);
      assert.equal(after.participantsSequence, sequence, outcome);
      assert.equal(after.invitations?.[0]?.status, outcome === 'accept' ? 'accepted' : 'failed');
      assert.equal(after.invitations?.[0]?.outcome, outcome);
      assert.ok(effects.some((e) => e.type === 'cancel' && e.key === 'invite-inv-1'));
    }
  });

  it('ParticipantsUpdated after an accepted add lists everyone, the app last', () => {
    const { effects } = run(
      call(),
      invite('add', 'accept', 10),
      who({ type: 'inviteOutcome', invitationId: 'inv-1', outcome: 'accept' }),
    );
    const updated = emits(effects).find((e) => e.event === 'ParticipantsUpdated');
    assert.deepEqual(updated?.data, {
      sequenceNumber: 2,
      participants: [CALLER, SUPERVISOR, SELF].map((p) => ({
        identifier: p.model,
        isMuted: false,
        isOnHold: false,
      })),
    });
    const added = emits(effects).find((e) => e.event === 'AddParticipantSucceeded');
    assert.equal(added?.operationContext, 'op');
    assert.deepEqual(added?.data, { participant: SUPERVISOR.model });
  });

  it('every ending of a transfer: accepted ends the leg (7000), a refusal keeps the call', () => {
    const accepted = run(
      call(),
      invite('transfer', 'accept', 10),
      who({ type: 'inviteOutcome', invitationId: 'inv-1', outcome: 'accept' }),
    );
    assert.deepEqual(summary(accepted.effects), [
      'CallTransferAccepted@http://app/op',
      'CallDisconnected/7000@http://app/cb',
    ]);
    assert.deepEqual(emits(accepted.effects)[0]?.data, {
      transferTarget: SUPERVISOR.model,
      transferee: CALLER.model,
    });
    assert.equal(accepted.call.state, 'disconnected');
    assert.equal(accepted.call.endedBy, 'transferred');
    for (const [outcome, subCode] of [
      ['decline', 8538],
      ['busy', 8539],
      ['noAnswer', 8541],
      ['unreachable', 8544],
    ] as const) {
      const refused = run(
        call(),
        invite('transfer', outcome, 10),
        who({ type: 'inviteOutcome', invitationId: 'inv-1', outcome }),
      );
      assert.deepEqual(summary(refused.effects), [`CallTransferFailed/${subCode}@http://app/op`]);
      assert.equal(refused.call.state, 'connected');
      assert.equal(refused.call.participants.length, 1);
    }
  });

  it('a transfer of one of several parties: the transferee leaves, the call stays', () => {
    const group = call({
      participants: [CALLER, AGENT].map((identifier) => ({
        identifier,
        isMuted: false,
        isOnHold: false,
      })),
    });
    const { call: after, effects } = run(
      group,
      invite('transfer', 'accept', 10),
      who({ type: 'inviteOutcome', invitationId: 'inv-1', outcome: 'accept' }),
    );
    assert.deepEqual(summary(effects), [
      'CallTransferAccepted@http://app/op',
      'ParticipantsUpdated@http://app/cb',
    ]);
    assert.equal(after.state, 'connected');
    assert.deepEqual(
      after.participants.map((p) => p.identifier.rawId),
      [AGENT.rawId],
    );
  });

  it('cancel: a ringing invitation is canceled; an ended one fails; an unknown one is refused', () => {
    const ringing = run(call(), invite('add', 'accept', 10_000));
    const canceled = run(
      ringing.call,
      who({ type: 'cancelInvite', invitationId: 'inv-1', operationContext: 'stop' }),
    );
    assert.deepEqual(summary(canceled.effects), ['CancelAddParticipantSucceeded@http://app/cb']);
    assert.deepEqual(emits(canceled.effects)[0]?.data, { invitationId: 'inv-1' });
    assert.ok(canceled.effects.some((e) => e.type === 'cancel' && e.key === 'invite-inv-1'));
    assert.equal(canceled.call.invitations?.[0]?.status, 'canceled');
    // The timer that was canceled cannot answer any more; a late one changes nothing.
    const late = run(
      canceled.call,
      who({ type: 'inviteOutcome', invitationId: 'inv-1', outcome: 'accept' }),
    );
    assert.deepEqual(late.effects, []);
    assert.equal(late.call.participants.length, 1);

    const again = run(canceled.call, who({ type: 'cancelInvite', invitationId: 'inv-1' }));
    assert.deepEqual(summary(again.effects), ['CancelAddParticipantFailed@http://app/cb']);

    const unknown = stepCall(call(), who({ type: 'cancelInvite', invitationId: 'nope' }));
    assert.deepEqual(unknown, {
      ok: false,
      rejection: { reason: 'invitationNotFound', invitationId: 'nope' },
    });
  });
  it('a long add/remove loop keeps every ringing invitation and only the last ended ones', () => {
    const party = (n: number) => identifierFromRawId(`4:+1206555${String(n).padStart(4, '0')}`);
    const add = (n: number): CallInput =>
      who({
        type: 'invite',
        invitation: { ...invitation('add', party(n)), invitationId: `inv-${n}` },
        answer: 'accept',
        afterMs: 0,
        timeoutMs: 30_000,
      });
    const answer = (n: number) =>
      who({ type: 'inviteOutcome', invitationId: `inv-${n}`, outcome: 'accept' });
    // One invitation stays ringing through the whole loop.
    let current = run(call(), add(0)).call;
    const loops = ENDED_INVITATIONS_KEPT * 4;
    for (let n = 1; n <= loops; n++) {
      current = run(
        current,
        add(n),
        answer(n),
        who({ type: 'remove', participant: party(n).rawId }),
      ).call;
      assert.ok((current.invitations?.length ?? 0) <= ENDED_INVITATIONS_KEPT + 1);
    }
    const list = current.invitations ?? [];
    assert.equal(list.length, ENDED_INVITATIONS_KEPT + 1);
    assert.deepEqual(list[0], { ...invitation('add', party(0)), invitationId: 'inv-0' });
    // The ended ones kept are the latest, in the order they were made.
    assert.deepEqual(
      list.slice(1).map((i) => i.invitationId),
      Array.from(
        { length: ENDED_INVITATIONS_KEPT },
        (_, k) => `inv-${loops - ENDED_INVITATIONS_KEPT + 1 + k}`,
      ),
    );
    assert.ok(list.slice(1).every((i) => i.status === 'accepted'));
    // The ringing one still answers; a recent ended one still fails to cancel; a forgotten one is unknown.
    const joined = run(current, answer(0));
    assert.deepEqual(summary(joined.effects), [
      'AddParticipantSucceeded@http://app/op',
      'ParticipantsUpdated@http://app/cb',
    ]);
    const recent = run(current, who({ type: 'cancelInvite', invitationId: `inv-${loops}` }));
    assert.deepEqual(summary(recent.effects), ['CancelAddParticipantFailed@http://app/cb']);
    const forgotten = stepCall(current, who({ type: 'cancelInvite', invitationId: 'inv-1' }));
    assert.deepEqual(forgotten, {
      ok: false,
      rejection: { reason: 'invitationNotFound', invitationId: 'inv-1' },
    });
  });
});

describe('participants machine: leaving', () => {
  const group = () =>
    call({
      participants: [CALLER, SUPERVISOR].map((identifier) => ({
        identifier,
        isMuted: false,
        isOnHold: false,
      })),
    });
  const cases: [string, () => Call, ParticipantsInput, string[], Call['state'], Call['endedBy']][] =
    [
      [
        'remove one of two',
        group,
        {
          type: 'remove',
          participant: SUPERVISOR.rawId,
          operationContext: 'rm',
          callbackUri: 'http://app/op',
        },
        ['RemoveParticipantSucceeded@http://app/op', 'ParticipantsUpdated@http://app/cb'],
        'connected',
        undefined,
      ],
      [
        'remove the last one: the call ends as the app ended it',
        () => call(),
        { type: 'remove', participant: CALLER.rawId },
        [
          'RemoveParticipantSucceeded@http://app/cb',
          'ParticipantsUpdated@http://app/cb',
          'CallDisconnected/7000@http://app/cb',
        ],
        'disconnected',
        'hangUp',
      ],
      [
        'one of two hangs up',
        group,
        { type: 'leave', participant: SUPERVISOR.rawId },
        ['ParticipantsUpdated@http://app/cb'],
        'connected',
        undefined,
      ],
      [
        'the last remote party hangs up: 5001',
        () => call(),
        { type: 'leave', participant: CALLER.rawId },
        ['ParticipantsUpdated@http://app/cb', 'CallDisconnected/5001@http://app/cb'],
        'disconnected',
        'remoteHangUp',
      ],
      [
        'moved out, someone stays',
        group,
        { type: 'moveOut', participants: [CALLER.rawId] },
        ['ParticipantsUpdated@http://app/cb'],
        'connected',
        undefined,
      ],
      [
        'everyone moved out: the call ends',
        group,
        { type: 'moveOut', participants: [CALLER.rawId, SUPERVISOR.rawId] },
        ['ParticipantsUpdated@http://app/cb', 'CallDisconnected/7000@http://app/cb'],
        'disconnected',
        'movedAway',
      ],
      [
        'hold: flags change, ParticipantsUpdated',
        group,
        { type: 'change', participants: [CALLER.rawId], change: { isOnHold: true } },
        ['ParticipantsUpdated@http://app/cb'],
        'connected',
        undefined,
      ],
    ];
  for (const [name, start, input, expected, state, endedBy] of cases) {
    it(name, () => {
      const { call: after, effects } = run(start(), who(input));
      assert.deepEqual(summary(effects), expected);
      assert.equal(after.state, state);
      assert.equal(after.endedBy, endedBy);
      assert.equal(after.participantsSequence, 2, 'one ParticipantsUpdated, numbered after 1');
    });
  }

  it('removing, hanging up or moving someone who is not in the call is refused', () => {
    for (const input of [
      { type: 'remove', participant: AGENT.rawId },
      { type: 'leave', participant: AGENT.rawId },
      { type: 'moveOut', participants: [AGENT.rawId] },
    ] as ParticipantsInput[]) {
      assert.deepEqual(stepCall(call(), who(input)), {
        ok: false,
        rejection: { reason: 'participantNotFound', participant: AGENT.rawId },
      });
    }
  });

  it('moved in: one MoveParticipantSucceeded each, then one ParticipantsUpdated', () => {
    const { call: after, effects } = run(
      call(),
      who({
        type: 'moveIn',
        participants: [AGENT, SUPERVISOR],
        fromCall: 'lobby',
        operationContext: 'mv',
      }),
    );
    assert.deepEqual(summary(effects), [
      'MoveParticipantSucceeded@http://app/cb',
      'MoveParticipantSucceeded@http://app/cb',
      'ParticipantsUpdated@http://app/cb',
    ]);
    assert.deepEqual(emits(effects)[0]?.data, { participant: AGENT.model, fromCall: 'lobby' });
    assert.equal(after.participants.length, 3);
    const failed = run(
      call(),
      who({ type: 'moveFailed', participants: [AGENT], fromCall: 'gone' }),
    );
    assert.deepEqual(summary(failed.effects), ['MoveParticipantFailed@http://app/cb']);
    assert.equal(failed.call.participantsSequence, 1, 'a failed move changes nobody');
  });

  it('the callee of createCall refuses: CreateCallFailed with its code, the call is over', () => {
    const { call: after, effects } = run(
      call({ state: 'connecting', participantsSequence: undefined }),
      {
        type: 'connectFailed',
        outcome: 'busy',
        at: 3,
      },
    );
    assert.deepEqual(summary(effects), ['CreateCallFailed/8539@http://app/cb']);
    assert.equal(after.state, 'disconnected');
    assert.equal(after.endedBy, 'createFailed');
  });
});
