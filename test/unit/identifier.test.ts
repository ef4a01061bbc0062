/** Identifier rules and raw ids, as the SDK and common.json define them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkIdentifier,
  identifierFromRawId,
  type IdentifierModel,
} from '../../src/schemas/identifier.js';

const RESOLVES: { model: IdentifierModel; kind: string; rawId: string }[] = [
  {
    model: { rawId: '4:+14255550123', phoneNumber: { value: '+14255550123', isAnonymous: false } },
    kind: 'phoneNumber',
    rawId: '4:+14255550123',
  },
  {
    model: { phoneNumber: { value: '+14255550123' } },
    kind: 'phoneNumber',
    rawId: '4:+14255550123',
  },
  {
    model: { communicationUser: { id: '8:acs:abc' } },
    kind: 'communicationUser',
    rawId: '8:acs:abc',
  },
  {
    model: {
      kind: 'communicationUser',
      rawId: '8:acs:abc',
      communicationUser: { id: '8:acs:abc' },
    },
    kind: 'communicationUser',
    rawId: '8:acs:abc',
  },
  {
    model: { microsoftTeamsUser: { userId: 'u1' } },
    kind: 'microsoftTeamsUser',
    rawId: '8:orgid:u1',
  },
  {
    model: { microsoftTeamsUser: { userId: 'u1', cloud: 'gcch' } },
    kind: 'microsoftTeamsUser',
    rawId: '8:gcch:u1',
  },
  {
    model: { microsoftTeamsUser: { userId: 'u1', isAnonymous: true } },
    kind: 'microsoftTeamsUser',
    rawId: '8:teamsvisitor:u1',
  },
  {
    model: { microsoftTeamsApp: { appId: 'a1', cloud: 'dod' } },
    kind: 'microsoftTeamsApp',
    rawId: '28:dod:a1',
  },
  {
    model: { teamsExtensionUser: { userId: 'u', tenantId: 't', resourceId: 'r' } },
    kind: 'teamsExtensionUser',
    rawId: '8:acs:r_t_u',
  },
  { model: { rawId: '4:+1555' }, kind: 'phoneNumber', rawId: '4:+1555' },
  { model: { rawId: '8:acs:xyz' }, kind: 'communicationUser', rawId: '8:acs:xyz' },
  { model: { rawId: '28:orgid:app' }, kind: 'microsoftTeamsApp', rawId: '28:orgid:app' },
  { model: { rawId: 'something-else' }, kind: 'unknown', rawId: 'something-else' },
  { model: { kind: 'phoneNumber', rawId: '4:+1' }, kind: 'phoneNumber', rawId: '4:+1' },
];

const REFUSES: { model: IdentifierModel; problem: RegExp }[] = [
  { model: {}, problem: /p must identify a participant/ },
  {
    model: { phoneNumber: { value: '+1' }, communicationUser: { id: 'x' } },
    problem: /at most one of/,
  },
  {
    model: { kind: 'phoneNumber', communicationUser: { id: 'x' } },
    problem: /p.kind is 'phoneNumber' but p sets communicationUser/,
  },
  { model: { kind: 'phoneNumber' }, problem: /p.phoneNumber is missing/ },
  {
    model: { kind: 'phoneNumber', rawId: '8:acs:x' },
    problem: /p.rawId '8:acs:x' is a communicationUser id/,
  },
  { model: { phoneNumber: { value: '' } }, problem: /p.phoneNumber.value must not be empty/ },
];

describe('identifiers', () => {
  for (const row of RESOLVES) {
    it(`resolves ${JSON.stringify(row.model)} to ${row.kind} ${row.rawId}`, () => {
      const check = checkIdentifier(row.model, 'p');
      assert.ok('identifier' in check, JSON.stringify(check));
      assert.equal(check.identifier.kind, row.kind);
      assert.equal(check.identifier.rawId, row.rawId);
      assert.equal(check.identifier.model.rawId, row.rawId, 'responses always carry rawId');
      assert.equal(check.identifier.model.kind, row.kind, 'responses always carry kind');
    });
  }
  for (const row of REFUSES) {
    it(`refuses ${JSON.stringify(row.model)}`, () => {
      const check = checkIdentifier(row.model, 'p');
      assert.ok('problems' in check);
      assert.match(check.problems.join('; '), row.problem);
    });
  }
  it('a raw phone id gives the typed sub-object back', () => {
    assert.deepEqual(identifierFromRawId('4:+14255550123').model, {
      kind: 'phoneNumber',
      rawId: '4:+14255550123',
      phoneNumber: { value: '+14255550123' },
    });
  });
});
