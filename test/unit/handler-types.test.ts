/**
 * The handler table is typed from the generated operation table: each handler gets its own
 * operation's request body type and may not return a status. `npm run check` fails if not; the
 * runtime assertions keep the file an ordinary test.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Handler, HandlerTable } from '../../src/routes/handler.js';
import type { OperationBodies } from '../../src/schemas/generated/operations.js';
import type {
  CreateCallRequest,
  PlayRequest,
  SendDtmfTonesRequest,
} from '../../src/schemas/generated/request-bodies.js';

/** `true` only when A and B are the same type. */
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type BodyOf<Id extends keyof HandlerTable> = Parameters<NonNullable<HandlerTable[Id]>>[0]['body'];

const playBody: Same<BodyOf<'CallMedia_Play'>, PlayRequest> = true;
const createBody: Same<BodyOf<'CreateCall'>, CreateCallRequest> = true;
const sendDtmfBody: Same<OperationBodies['CallMedia_SendDtmfTones'], SendDtmfTonesRequest> = true;
const noBody: Same<BodyOf<'CallConnection_GetCall'>, undefined> = true;

// @ts-expect-error the status comes from the operation table, never from a handler
const withStatus: Handler<'CallConnection_HangupCall'> = () => ({ status: 204 });

const recognize: Handler<'CallMedia_Recognize'> = ({ body }) => ({ body: body.recognizeOptions });
const wrongBody: HandlerTable = {
  // @ts-expect-error a Play handler does not take a Recognize body
  CallMedia_Play: recognize,
};

describe('handler types', () => {
  it('hold at compile time (see the type assertions above)', () => {
    assert.deepEqual([playBody, createBody, sendDtmfBody, noBody], [true, true, true, true]);
    assert.equal(typeof withStatus, 'function');
    assert.equal(typeof wrongBody, 'object');
  });
});
