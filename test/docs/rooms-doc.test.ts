/**
 * docs/rooms.md runs as written: every `ts` block is written out unchanged and imported against a
 * running emulator, with the connection string and webhook in the environment it reads.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { useEmulator } from '../helpers/use-emulator.js';
import { ofCall } from '../helpers/callback-listener.js';

const DOC = readFileSync(new URL('../../docs/rooms.md', import.meta.url), 'utf8');
// Inside the repository so the example's package imports resolve from its node_modules;
// `.mts` because the example is an ES module (top-level await), as in an app with "type": "module".
const OUT = new URL('../../node_modules/.cache/acs-docs/', import.meta.url);

const blocks = [...DOC.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe('docs/rooms.md', () => {
  const fx = useEmulator({ connectDelayMs: 0 });

  it('has a runnable example', () => {
    assert.equal(blocks.length, 1);
  });

  it('the flow creates a user and a room and connects the bot, which gets CallConnected', async () => {
    process.env.ACS_CONNECTION_STRING = fx.running.connectionString;
    process.env.CALLBACK_URL = fx.listener.url();
    mkdirSync(OUT, { recursive: true });
    const file = new URL(`rooms-flow-${process.pid}.mts`, OUT);
    writeFileSync(file, blocks[0] as string);
    const { result } = (await import(pathToFileURL(file.pathname).href)) as {
      result: { userId: string; roomId: string; callConnectionId: string; tokenLength: number };
    };
    assert.match(result.userId, /^8:acs:/);
    assert.match(result.roomId, /^\d{17}$/);
    assert.ok(result.tokenLength > 100);
    const connected = await fx.listener.waitFor(ofCall(result.callConnectionId, 'CallConnected'));
    assert.equal(connected.event.operationContext, 'bot-joins-room');
    const rooms = await fx.running.admin<{ value: { id: string; participants: unknown[] }[] }>(
      'admin/rooms',
    );
    assert.deepEqual(rooms.value.find((r) => r.id === result.roomId)?.participants, [
      { rawId: result.userId, role: 'Presenter' },
    ]);
  });
});
